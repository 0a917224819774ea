#include "registry/query/where_error.hpp"

#include "eorun/error.hpp"

namespace eorun::query {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::size_t column_of(std::string_view expression, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < expression.size(); ++i)
    if (!is_continuation_byte(expression[i])) ++column;
  return column;
}

void throw_where_error(std::string_view expression, std::size_t offset, const std::string& problem,
                       const std::string& remedy) {
  const std::size_t column = column_of(expression, offset);
  std::string shown;
  for (char c : expression) shown += (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
  throw Error("--where", problem + " at column " + std::to_string(column),
              remedy + "\n  " + shown + "\n  " + std::string(column - 1, ' ') + "^");
}

}  // namespace eorun::query
