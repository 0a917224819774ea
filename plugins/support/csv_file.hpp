// Reading CSV tables as data sets publish them (RFC 4180: comma-separated, fields optionally in
// double quotes, "" for a quote inside quotes, quoted fields may hold commas and line breaks;
// CRLF or LF line ends; a UTF-8 byte-order mark is skipped). Errors name the file and line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eorun::support {

struct CsvRow {
  std::size_t line = 0;             // 1-based line where the row starts
  std::vector<std::string> fields;  // unquoted; never trimmed
};

struct CsvTable {
  std::filesystem::path path;
  std::vector<std::string> header;  // empty when read without a header
  std::vector<CsvRow> rows;         // data rows; blank lines are skipped

  // Index of the header column named `name`, or nullopt.
  std::optional<std::size_t> column(const std::string& name) const;
  // Index of the header column named `name`; throws eorun::Error naming the file and the columns
  // found when there is none.
  std::size_t require_column(const std::string& name) const;
};

// Reads `path`; with `has_header` the first row is the header. Every row must have as many fields
// as the first one. Throws eorun::Error (subject "<what> '<path>'") when the file is missing or
// unreadable, a quote is not closed, or a row has another field count; `remedy` is added to the
// message about a missing file.
CsvTable read_csv(const std::filesystem::path& path, bool has_header, const std::string& what,
                  const std::string& remedy);

}  // namespace eorun::support
