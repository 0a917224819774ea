// Human tables and CSV for command output (results on stdout, aligned for people).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace eorun {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::size_t row_count() const { return rows_.size(); }

  // Columns padded to their widest cell, two spaces apart, header underlined.
  void print(std::ostream& out) const;
  // RFC 4180 CSV: fields with a comma, quote or newline are quoted, quotes doubled.
  void print_csv(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// One RFC 4180 CSV field: quoted when it holds a comma, quote or newline, quotes doubled.
std::string csv_quote(const std::string& field);

// A number for people: up to `digits` significant digits, no trailing zeros.
std::string format_number(double value, int digits = 4);

}  // namespace eorun
