// Value printing and constructors.
#include "kvcheck/scan/value.hpp"

namespace kvcheck::scan {

Value Value::unknown(std::string reason, SourceLocation at) {
  return Value{UnknownValue{std::move(reason), at}};
}

Value Value::integer(sym::Dim d) { return Value{IntValue{std::move(d)}}; }

std::string Value::to_string() const {
  struct Print {
    std::string operator()(const UnknownValue& u) const { return "unknown (" + u.reason + ")"; }
    std::string operator()(const IntValue& i) const { return i.dim.to_string(); }
    std::string operator()(const NoneValue&) const { return "None"; }
    std::string operator()(const BoolValue& b) const { return b.value ? "True" : "False"; }
    std::string operator()(const StrValue& s) const { return "'" + s.value + "'"; }
    std::string operator()(const TupleValue& t) const {
      std::string out;
      for (const Value& item : t.items) out += (out.empty() ? "" : ", ") + item.to_string();
      return "(" + out + (t.items.size() == 1 ? ",)" : ")");
    }
    std::string operator()(const ConfigValue& c) const { return "config " + c.name; }
    std::string operator()(const ModuleValue& m) const { return "module " + m.dotted; }
    std::string operator()(const TensorValue& t) const {
      std::string out;
      for (const sym::Dim& d : t.shape) out += (out.empty() ? "" : ", ") + d.to_string();
      return "tensor [" + out + "]";
    }
    std::string operator()(const LinearValue& l) const {
      return "Linear(" + l.in_features.to_string() + " -> " + l.out_features.to_string() + ")";
    }
  };
  return std::visit(Print{}, v);
}

}  // namespace kvcheck::scan
