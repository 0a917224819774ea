// Errors in a --where expression: subject "--where", the problem with its column, and a remedy
// followed by the expression with a caret under the place:
//
//   eorun: error: --where: expected a value after '<' at column 10; values are numbers, ...
//     train.lr <
//              ^
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eorun::query {

// The 1-based column of byte `offset` in `expression`, counting UTF-8 characters.
std::size_t column_of(std::string_view expression, std::size_t offset);

// Throws eorun::Error for the place at byte `offset` of `expression`.
[[noreturn]] void throw_where_error(std::string_view expression, std::size_t offset,
                                    const std::string& problem, const std::string& remedy);

}  // namespace eorun::query
