// Attention sites: the entry points a scan runs (each nn.Module's forward, and module
// functions patched in as a forward), with their parameters seeded from what they are in
// attention code, once without a cache and once with one where the code takes a cache.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/workspace.hpp"

namespace kvcheck::scan {

/// One entry point.
struct Site {
  std::string name;  ///< "Attention.forward", "patched_forward (as LlamaAttention.forward)"
  Module* module = nullptr;
  const Scope* cls = nullptr;      ///< the class whose forward this is, or null
  const Scope* function = nullptr; ///< the function run
  std::string patched_class;       ///< monkey patches: the library class patched
};

/// The sites of `module`, in source order; loads the module when it has any.
std::vector<Site> sites_of(Module& module, Interpreter& in);

/// Runs `site` in each of its modes; appends one trace per mode and the findings.
void run_site(const Site& site, Interpreter& in, std::vector<SiteTrace>& traces,
              std::vector<Finding>& findings);

/// How a parameter of a forward is seeded when no call site gives it, by what the name
/// means in attention code. One table, documented in the README's scan section.
struct ParameterRole {
  std::vector<std::string> names;
  std::string role;  ///< "hidden states [batch, chunk_len, hidden]", ...
};
const std::vector<ParameterRole>& parameter_roles();

}  // namespace kvcheck::scan
