#include "csv_file.hpp"

#include <fstream>
#include <iterator>

#include "eorun/error.hpp"

namespace eorun::support {

namespace {

std::string subject_of(const std::string& what, const std::filesystem::path& path) {
  return what + " '" + path.string() + "'";
}

// Splits `text` into rows of fields (RFC 4180). Throws on an unclosed quote.
std::vector<CsvRow> parse_rows(const std::string& text, const std::string& subject) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool row_has_data = false;
  std::size_t line = 1;
  row.line = 1;
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  auto end_row = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    if (row_has_data || row.fields.size() > 1 || !row.fields.front().empty())
      rows.push_back(std::move(row));
    row = CsvRow{};
    row_has_data = false;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      row_has_data = true;
    } else if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      row_has_data = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
      row.line = ++line;
    } else {
      field += c;
    }
  }
  if (quoted)
    throw Error(subject, "a quoted field starting on line " + std::to_string(row.line) +
                             " is never closed",
                "close the field with a double quote (write \"\" for a quote inside it)");
  end_row();
  return rows;
}

}  // namespace

std::optional<std::size_t> CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::nullopt;
}

std::size_t CsvTable::require_column(const std::string& name) const {
  if (auto index = column(name)) return *index;
  std::string found;
  for (const std::string& h : header) found += (found.empty() ? "" : ",") + h;
  throw Error("table '" + path.string() + "'", "has no column '" + name + "' (its header is '" +
                                                   found + "')",
              "use the table's published header");
}

CsvTable read_csv(const std::filesystem::path& path, bool has_header, const std::string& what,
                  const std::string& remedy) {
  const std::string subject = subject_of(what, path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error(subject, "does not exist", remedy);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(subject, "cannot be opened for reading", "check its permissions");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(subject, "could not be read to the end", "check the disk");

  CsvTable table;
  table.path = path;
  table.rows = parse_rows(text, subject);
  if (has_header && !table.rows.empty()) {
    table.header = std::move(table.rows.front().fields);
    table.rows.erase(table.rows.begin());
  }
  const std::size_t width = has_header ? table.header.size()
                            : table.rows.empty() ? 0
                                                 : table.rows.front().fields.size();
  for (const CsvRow& row : table.rows)
    if (row.fields.size() != width)
      throw Error(subject + " line " + std::to_string(row.line),
                  "has " + std::to_string(row.fields.size()) + " fields, expected " +
                      std::to_string(width),
                  "quote fields that contain commas (RFC 4180)");
  return table;
}

}  // namespace eorun::support
