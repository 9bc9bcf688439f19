// Shared support code of the io tests.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/load_config.hpp"

namespace kvcheck::io::testing {
namespace {

std::string trim_cell(std::string cell) {
  const auto first = cell.find_first_not_of(' ');
  const auto last = cell.find_last_not_of(' ');
  cell = first == std::string::npos ? "" : cell.substr(first, last - first + 1);
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') {
    cell = cell.substr(1, cell.size() - 2);
  }
  return cell;
}

}  // namespace

std::string source_path(const std::string& relative) {
  return std::string(KVCHECK_SOURCE_DIR) + "/" + relative;
}

LoadedConfig read_yaml(const std::string& text) {
  return read_config(parse_yaml_document("inline.yaml", text));
}

LoadedConfig read_json(const std::string& text) {
  return read_config(parse_json_document("inline.json", text));
}

InputError input_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("", 0, "", "");
}

NotCheckable not_checkable_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const NotCheckable& e) {
    return e;
  } catch (const InputError& e) {
    ADD_FAILURE() << "an input error, not a refusal: " << e.what();
    return NotCheckable("", 0, NotCheckable::Reason::kNotModelConfig, "");
  }
  ADD_FAILURE() << "expected a NotCheckable";
  return NotCheckable("", 0, NotCheckable::Reason::kNotModelConfig, "");
}

std::vector<std::vector<std::vector<std::string>>> markdown_tables(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::vector<std::vector<std::vector<std::string>>> tables;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    const bool table_line = !line.empty() && line[0] == '|';
    if (!table_line) {
      in_table = false;
      continue;
    }
    if (!in_table) {  // the header row
      in_table = true;
      tables.emplace_back();
      continue;
    }
    if (line.rfind("|---", 0) == 0) continue;
    std::vector<std::string> cells;
    std::size_t start = 1;
    for (std::size_t bar = line.find('|', start); bar != std::string::npos;
         bar = line.find('|', start)) {
      cells.push_back(trim_cell(line.substr(start, bar - start)));
      start = bar + 1;
    }
    tables.back().push_back(cells);
  }
  return tables;
}

std::vector<std::vector<std::string>> markdown_rows(const std::string& path) {
  auto tables = markdown_tables(path);
  return tables.empty() ? std::vector<std::vector<std::string>>{} : tables.front();
}

}  // namespace kvcheck::io::testing
