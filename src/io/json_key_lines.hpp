// Lines of the keys of a JSON text (private to io/): nlohmann_json keeps no positions, so
// the keys are located by a second, structural pass over the already validated text.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kvcheck::io::detail {

/// Keys from the top level down to one object member; list items appear as "[i]".
using KeyPath = std::vector<std::string>;

/// The 1-based line of every object key in `text`, which must be valid JSON.
/// Throws InputError (file `path`) for a key that appears twice in one object: JSON parsers
/// silently keep one of the two, and the user cannot know which.
std::map<KeyPath, int> json_key_lines(const std::string& path, const std::string& text);

/// "a.b.[2].c": a key path as the dotted field name used in messages.
std::string dotted(const KeyPath& path);

}  // namespace kvcheck::io::detail
