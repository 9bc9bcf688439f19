// Lines of the keys of a JSON text (private to io/): nlohmann_json keeps no positions, so
// the keys are located by a second, structural pass over the already validated text.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kvcheck::io::detail {

/// Keys from the top level down to one object member; list items appear as "[i]".
using KeyPath = std::vector<std::string>;

/// Where a key is: its 1-based line, and its position among all keys of the text (file
/// order, which the parser's own maps do not keep).
struct KeyPlace {
  int line = 0;
  std::size_t order = 0;
};

/// The place of every object key in `text`, which must be valid JSON.
/// Throws InputError (file `path`) for a key that appears twice in one object: JSON parsers
/// silently keep one of the two, and the user cannot know which.
/// Throws InputError past kMaxDepth levels or kMaxValues keys.
std::map<KeyPath, KeyPlace> json_key_lines(const std::string& path, const std::string& text);

/// "a.b.[2].c": a key path as the dotted field name used in messages.
std::string dotted(const KeyPath& path);

}  // namespace kvcheck::io::detail
