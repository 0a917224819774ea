// Tokens of a --where expression.
//
// Fields are dotted names (train.lr, val.f1_macro); numbers as in C (1, -2.5, 1e-3); strings in
// 'single' or "double" quotes, the quote doubled or backslash-escaped inside ('it''s'); the
// keywords and, or, not, in, true, false in any case; comparisons = (or ==), != (or <>), <, <=,
// >, >=; parentheses and commas.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "registry/query/where_ast.hpp"

namespace eorun::query {

struct Token {
  enum class Kind {
    field,
    number,
    text,
    compare,
    left_paren,
    right_paren,
    comma,
    kw_and,
    kw_or,
    kw_not,
    kw_in,
    kw_true,
    kw_false,
    end,
  };
  Kind kind = Kind::end;
  std::string spelling;  // as written
  std::string text;      // a string's value (quotes removed, escapes resolved)
  double number = 0;     // a number's value
  CompareOp op = CompareOp::eq;
  std::size_t offset = 0;  // byte offset in the expression
};

// Splits `expression` into tokens, ending with one Kind::end token. Throws eorun::Error (subject
// "--where") for a character that starts no token, an unterminated string or a malformed number.
std::vector<Token> lex_where(std::string_view expression);

}  // namespace eorun::query
