// NotCheckable: a file kvcheck has nothing to check in: it is not a model config (a
// tokenizer's settings, a CI workflow), or its model keeps no KV cache (Mamba, an encoder).
// Named on the command line it is an input error (exit 2); met in a folder it is skipped,
// counted and listed with its reason.
#pragma once

#include <string>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::io {

class NotCheckable : public InputError {
 public:
  enum class Reason {
    kNotModelConfig,  ///< the file holds no model's sizes
    kNoKvCache,       ///< a model without attention over past tokens
  };

  NotCheckable(std::string file, int line, Reason reason, const std::string& what)
      : InputError(std::move(file), line, "", what), reason_(reason) {}

  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

}  // namespace kvcheck::io
