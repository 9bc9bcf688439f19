// Interpreter: an abstract interpreter over the Python subset attention code uses. It runs
// statements in order over abstract values (sizes as polynomials over the configuration
// symbols, tensors with shapes and index semantics, objects of the scanned classes, config
// objects, Unknown), follows calls into the scanned code, and hands every torch call to the
// API table. What it cannot model becomes Unknown with a reason, recorded for --explain.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kvcheck/scan/finding.hpp"
#include "kvcheck/scan/value.hpp"
#include "kvcheck/scan/workspace.hpp"

namespace kvcheck::scan {

/// A size fixed on one path by the condition that guards it (`group == 1`).
struct Assumption {
  sym::Symbol symbol;
  sym::Dim value;
};

/// `v` with `a` substituted into every size it holds (shapes and index maps).
Value substitute(const Value& v, const Assumption& a);
/// True when `special`, computed on a path that assumed `as`, is `general` under `as`: the
/// path is a special case and `general` stands for both.
bool special_case_of(const Value& special, const std::vector<Assumption>& as, const Value& general);

/// The variables of one running function (or module top level).
struct Env {
  Module* module = nullptr;
  const Scope* scope = nullptr;
  std::map<std::string, Value> locals;
  /// Variables of the enclosing function when this function was defined (closures).
  std::shared_ptr<const std::map<std::string, Value>> captured;
  /// Where the innermost call being evaluated starts, for recording.
  std::vector<Value> returns;
  /// Per return value, the assumptions of its path.
  std::vector<std::vector<Assumption>> return_assumptions;
  /// What the path to here assumed: `if n_rep == 1:` runs its body with group = 1.
  std::vector<Assumption> assumptions;
};

/// The arguments of one call, evaluated.
struct CallArgs {
  std::vector<Value> positional;
  std::vector<std::pair<std::string, Value>> keywords;
  bool splat = false;  ///< *args or **kwargs at the call site: the binding is not exact
  CodeLocation at;
  std::string code;  ///< the call's source line, for the trace

  const Value* keyword(const std::string& name) const;
  /// Positional argument k, else the keyword `name`, else nullptr.
  const Value* arg(std::size_t k, const std::string& name) const;
};

/// A cache buffer: allocated once, written by the steps.
struct BufferState {
  std::string name;  ///< "self.cache_k", "k_cache"
  CodeLocation alloc;
  std::vector<sym::Dim> shape;
  /// Per buffer axis, the index semantics of what was written over the whole axis.
  std::vector<std::optional<index::AxisMap>> content;
  std::vector<CodeLocation> writes;
  /// A cache that is a value passed between steps (the `present` tuple a step returns and
  /// the next concatenates to), not a preallocated buffer.
  bool functional = false;
};

class Interpreter {
 public:
  /// Calls nested deeper than this are Unknown (recursion, deep helper chains).
  static constexpr int kMaxCallDepth = 24;
  /// Evaluation steps per site; past it every value is Unknown.
  static constexpr long kMaxSteps = 100000;
  /// Evaluation steps per file, over all its sites: sites after it are not run.
  static constexpr long kMaxStepsPerFile = 1000000;
  /// Expressions nested deeper than this are Unknown.
  static constexpr int kMaxExpressionDepth = 160;

  explicit Interpreter(Workspace& ws) : ws_(ws) {}

  /// Runs `module`'s top level once (imports, definitions, assignments, monkey patches).
  void load(Module& module);
  /// Starts recording into `site` (ops, places it gave up, findings); resets the budget.
  void begin_site(SiteTrace* site);
  std::vector<Finding> take_findings();

  Value eval(const Node& expr, Env& env);
  /// Runs a block; stops at return/raise/break/continue.
  void exec_block(const Node& block, Env& env);
  Value call(const Value& callee, CallArgs& args, Env& caller);
  /// Calls a function of the scanned code with `self` (may be null) and arguments.
  Value call_function(const Scope& fn, const std::shared_ptr<Instance>& self, CallArgs& args,
                      Module* module, std::shared_ptr<const std::map<std::string, Value>> captured);
  /// An instance of `cls` after its __init__ (own or inherited from a scanned class).
  Value construct(const Scope& cls, Module* module, CallArgs& args);
  /// The value of attribute `name` of `object` (instance, then class, then bases).
  Value attribute(const std::shared_ptr<Instance>& object, const std::string& name,
                  const CodeLocation& at);

  /// A tensor argument with a buffer's written contents read into its axes.
  TensorValue materialize(const TensorValue& t) const;
  int new_buffer(BufferState b);
  /// Buffers belong to one site (its modes share them): dropped before the next.
  void forget_buffers() { buffers_.clear(); }
  BufferState& buffer(int id) { return buffers_.at(static_cast<std::size_t>(id)); }

  // Recording.
  CodeLocation location(const Node& node, const Env& env) const;
  void trace(const CodeLocation& at, const std::string& op, const std::string& code,
             const std::string& result);
  void gave_up(const CodeLocation& at, const std::string& reason);
  void report(Finding f);
  void mark_attention() {
    if (site_) site_->attention = true;
  }
  /// The choices of the site being run (a scratch value when none is).
  SiteChoices& choices() { return site_ ? site_->choices : scratch_choices_; }
  Workspace& workspace() { return ws_; }
  /// A value of the given module's globals, or nullptr.
  const Value* global(Module& module, const std::string& name);
  /// Sizes from a Python argument: an int, a tuple/list of ints, or varargs of ints.
  std::optional<std::vector<sym::Dim>> sizes_of(const std::vector<Value>& args) const;
  /// The step count: a clock for the order of events within a site.
  long now() const { return steps_; }
  /// Steps of every site run so far.
  long total_steps() const { return total_steps_ + steps_; }
  /// True when the step budget is spent (each eval counts one).
  bool out_of_budget() const { return steps_ > kMaxSteps; }

 private:
  void exec(const Node& stmt, Env& env);
  void assign(const Node& target, const Value& value, Env& env, const Node& stmt);
  void assign_item(const Node& target, const Value& value, Env& env);
  void exec_if(const Node& stmt, Env& env);
  /// The assumption a condition fixes when it fixes a symbol, and whether on its true path
  /// (`==`) or its false one (`!=`).
  std::optional<std::pair<Assumption, bool>> assumption_of(const Node& cond, Env& env);
  void exec_chain(const std::vector<std::pair<Node, Node>>& chain, std::size_t k,
                  const Node& else_block, Env& env);
  void exec_for(const Node& stmt, Env& env);
  void exec_import(const Node& stmt, Env& env);
  void define(const Node& def, Env& env);
  void join_into(Env& env, const Env& a, const Env& b, bool a_live, bool b_live, const Node& at);

  Value eval_name(const Node& node, const std::string& name, Env& env);
  Value eval_attribute(const Node& node, Env& env);
  Value eval_call(const Node& node, Env& env);
  Value eval_binary(const Node& node, Env& env);
  Value eval_compare(const Node& node, Env& env);
  Value eval_subscript(const Node& node, Env& env);
  Value eval_sequence(const Node& node, Env& env);
  Value eval_comprehension(const Node& node, Env& env);
  Value eval_conditional(const Node& node, Env& env);
  Value eval_boolean(const Node& node, Env& env);
  Value eval_builtin(const std::string& name, CallArgs& args, const Node& node, Env& env,
                     bool& handled);
  Value call_method(const Value& object, const std::string& name, CallArgs& args, Env& env,
                    const Node& node);
  CallArgs evaluate_arguments(const Node& call, Env& env);
  /// The value a function returns on all its paths (what they agree on).
  Value joined_returns(const Env& env, const Scope& fn, const CallArgs& args);

  Workspace& ws_;
  SiteTrace* site_ = nullptr;
  std::vector<Finding> findings_;
  std::vector<BufferState> buffers_;
  SiteChoices scratch_choices_;
  int depth_ = 0;
  int eval_depth_ = 0;
  int block_depth_ = 0;
  long steps_ = 0;
  long total_steps_ = 0;
  bool budget_noted_ = false;
  /// Nonzero while running a statement: its flow outcome.
  enum class Flow { kNormal, kReturn, kBreak, kContinue, kRaise } flow_ = Flow::kNormal;
  std::vector<const Scope*> calling_;  ///< functions on the call stack (recursion is Unknown)
};

/// Python truth of a value when it is known: None, bools, constant ints, objects.
std::optional<bool> truth_of(const Value& v);

}  // namespace kvcheck::scan
