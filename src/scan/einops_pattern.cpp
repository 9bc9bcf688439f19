// API handlers: einops rearrange / repeat patterns over shapes and index maps. A group on
// the right merges its axes major-first, so "(h r)" interleaves copies and "(r h)" tiles.
#include <set>

#include "api_support.hpp"

namespace kvcheck::scan::api {
namespace {

using sym::Dim;

/// One side of a pattern: each element a name or a group of names ("1" is a unit axis).
using Side = std::vector<std::vector<std::string>>;

std::optional<Side> parse_side(const std::string& text) {
  Side side;
  std::vector<std::string>* group = nullptr;
  std::vector<std::string> scratch;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (group) {
      group->push_back(word);
    } else {
      side.push_back({word});
    }
    word.clear();
  };
  for (const char ch : text) {
    if (ch == ' ') {
      flush();
    } else if (ch == '(') {
      flush();
      if (group) return std::nullopt;
      side.emplace_back();
      group = &side.back();
    } else if (ch == ')') {
      flush();
      if (!group) return std::nullopt;
      group = nullptr;
    } else if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_') {
      word += ch;
    } else {
      return std::nullopt;  // '...' and anything else
    }
  }
  flush();
  if (group) return std::nullopt;
  return side;
}

Value apply_pattern(ApiCall& c, bool repeat) {
  auto x = tensor_arg(c, 0, "tensor");
  const auto* pattern = c.args.positional.size() > 1 ? std::get_if<StrValue>(&c.args.positional[1].v) : nullptr;
  if (!x || !pattern) return unknown(c, "einops." + c.name + " with a tensor or pattern that is not known");
  const auto arrow = pattern->value.find("->");
  if (arrow == std::string::npos) return unknown(c, "einops pattern without '->'");
  auto left = parse_side(pattern->value.substr(0, arrow));
  auto right = parse_side(pattern->value.substr(arrow + 2));
  if (!left || !right) return unknown(c, "einops pattern '" + pattern->value + "' is not modelled");
  if (left->size() != x->shape.size()) return unknown(c, "einops pattern does not match the tensor's rank");
  std::map<std::string, Dim> given;
  for (const auto& [k, v] : c.args.keywords) {
    if (v.as_int()) given[k] = v.as_int()->dim;
  }
  const bool axes = x->axes.size() == x->shape.size();
  std::map<std::string, Dim> size;
  std::map<std::string, index::AxisMap> map;
  for (std::size_t a = 0; a < left->size(); ++a) {
    const auto& names = (*left)[a];
    if (names.size() == 1) {
      if (names[0] == "1") continue;
      size[names[0]] = x->shape[a];
      if (axes) map[names[0]] = x->axes[a];
      continue;
    }
    std::vector<Dim> parts;
    std::optional<std::size_t> open;
    Dim known(1);
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (given.count(names[k])) {
        parts.push_back(given[names[k]]);
        known *= given[names[k]];
      } else if (!open) {
        open = k;
        parts.push_back(Dim(1));
      } else {
        return unknown(c, "einops: more than one size in a group is not given");
      }
    }
    if (open) {
      auto rest = sym::exact_div(x->shape[a], known);
      if (!rest) return unknown(c, "einops: a group that does not divide for every configuration");
      parts[*open] = *rest;
    }
    std::vector<index::AxisMap> split;
    if (axes) {
      auto s = index::split_axis(x->axes[a], parts);
      if (s) split = *s;
    }
    for (std::size_t k = 0; k < names.size(); ++k) {
      size[names[k]] = parts[k];
      if (!split.empty()) map[names[k]] = split[k];
    }
  }
  std::vector<Dim> shape;
  std::vector<index::AxisMap> out_axes;
  std::set<std::string> used;
  bool copies = false;
  for (const auto& names : *right) {
    Dim extent(1);
    std::vector<index::AxisMap> members;
    for (const std::string& n : names) {
      if (n == "1") continue;
      used.insert(n);
      if (size.count(n)) {
        extent *= size[n];
        if (map.count(n)) members.push_back(map[n]);
      } else if (repeat && given.count(n)) {
        extent *= given[n];
        members.push_back(index::copy_axis(given[n]));
        copies = copies || !given[n].constant_value();
      } else {
        return unknown(c, "einops: the size of '" + n + "' is not given");
      }
    }
    shape.push_back(extent);
    out_axes.push_back(index::merge_axes(members));
  }
  for (const auto& [n, s] : size) {
    if (!used.count(n)) return unknown(c, "einops: '" + n + "' is reduced, which " + c.name + " does not do");
  }
  const bool all_axes = axes && map.size() == size.size();
  TensorValue t = derived(*x, shape, all_axes ? out_axes : std::vector<index::AxisMap>{});
  if (copies) t.repeat = RepeatInfo{c.args.at, "einops.repeat", c.in.now()};
  c.in.trace(c.args.at, "einops." + c.name, c.args.code, shape_text(t.shape));
  return Value{t};
}

}  // namespace

Value einops_rearrange(ApiCall& c) { return apply_pattern(c, false); }
Value einops_repeat(ApiCall& c) { return apply_pattern(c, true); }

}  // namespace kvcheck::scan::api
