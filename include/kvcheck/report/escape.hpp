// Escaping for each output syntax the report writers produce (XML, Markdown, GitHub
// workflow commands, URI references). Pure functions, tested table by table.
#pragma once

#include <string>
#include <string_view>

namespace kvcheck::report {

/// `s` with every byte that is not part of a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points past U+10FFFF included) replaced by U+FFFD. Config paths
/// and names come from the file system and files, which promise no encoding.
std::string valid_utf8(std::string_view s);

/// Character data or (when `attribute`) a double-quoted attribute value for XML 1.0:
/// markup characters become entities, characters XML 1.0 forbids become U+FFFD, and in
/// attributes tab, CR and LF become character references so they survive normalisation.
std::string xml_escape(std::string_view s, bool attribute);

/// Text for one GitHub-flavoured Markdown table cell or line: line breaks become spaces and
/// characters with inline meaning (including `|`) are backslash-escaped.
std::string markdown_text(std::string_view s);

/// `s` as one Markdown code span, fenced with more backticks than any run inside it.
std::string markdown_code_span(std::string_view s);

/// A workflow command's message: %, CR and LF percent-encoded, as the runner decodes them.
std::string workflow_data(std::string_view s);

/// A workflow command's property value (file=, title=): as workflow_data, plus `:` and `,`.
std::string workflow_property(std::string_view s);

/// A file path as a URI reference (RFC 3986): bytes outside the unreserved set and `/`
/// percent-encoded; an absolute path becomes a file:// URI.
std::string uri_reference(std::string_view path);

/// `s` safe to print on a terminal or a log line: valid UTF-8, and every control character
/// (ESC, CR, NUL, newline, DEL, C1) shown as a visible escape such as "\x1b"; tab becomes a
/// space. Input files must not move the cursor or forge lines.
std::string terminal_safe(std::string_view s);

}  // namespace kvcheck::report
