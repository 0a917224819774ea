#include "registry/query/where_lexer.hpp"

#include <cctype>
#include <charconv>

#include "registry/query/where_error.hpp"

namespace eorun::query {

namespace {

constexpr const char* kSyntaxRemedy =
    "write comparisons like dataset.bands = 'ms' and train.lr < 1e-3, with strings in quotes";

bool is_field_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_field_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view expression) : in_(expression) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (true) {
      while (pos_ < in_.size() && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
      if (pos_ == in_.size()) break;
      tokens.push_back(next());
    }
    Token end;
    end.kind = Token::Kind::end;
    end.offset = in_.size();
    tokens.push_back(end);
    return tokens;
  }

 private:
  Token next() {
    const char c = in_[pos_];
    const char after = pos_ + 1 < in_.size() ? in_[pos_ + 1] : '\0';
    if (is_field_start(c)) return field_or_keyword();
    if (is_digit(c) || (c == '.' && is_digit(after)) ||
        ((c == '-' || c == '+') && (is_digit(after) || after == '.')))
      return number();
    if (c == '\'' || c == '"') return text();
    switch (c) {
      case '(': return single(Token::Kind::left_paren);
      case ')': return single(Token::Kind::right_paren);
      case ',': return single(Token::Kind::comma);
      case '=': return compare(CompareOp::eq, after == '=' ? 2 : 1);
      case '!':
        if (after == '=') return compare(CompareOp::ne, 2);
        break;
      case '<':
        if (after == '=') return compare(CompareOp::le, 2);
        if (after == '>') return compare(CompareOp::ne, 2);
        return compare(CompareOp::lt, 1);
      case '>':
        if (after == '=') return compare(CompareOp::ge, 2);
        return compare(CompareOp::gt, 1);
      default: break;
    }
    // A whole UTF-8 character in the message, not its first byte.
    std::size_t length = 1;
    while (pos_ + length < in_.size() &&
           (static_cast<unsigned char>(in_[pos_ + length]) & 0xC0) == 0x80)
      ++length;
    throw_where_error(in_, pos_,
                      "unexpected character '" + std::string(in_.substr(pos_, length)) + "'",
                      kSyntaxRemedy);
  }

  Token make(Token::Kind kind, std::size_t start) {
    Token token;
    token.kind = kind;
    token.offset = start;
    token.spelling = std::string(in_.substr(start, pos_ - start));
    return token;
  }

  Token single(Token::Kind kind) {
    const std::size_t start = pos_++;
    return make(kind, start);
  }

  Token compare(CompareOp op, std::size_t length) {
    const std::size_t start = pos_;
    pos_ += length;
    Token token = make(Token::Kind::compare, start);
    token.op = op;
    return token;
  }

  // A dotted name: segments of letters, digits, '_' and '-' joined by single dots.
  Token field_or_keyword() {
    const std::size_t start = pos_;
    while (pos_ < in_.size()) {
      if (is_field_char(in_[pos_])) {
        ++pos_;
      } else if (in_[pos_] == '.' && pos_ + 1 < in_.size() && is_field_char(in_[pos_ + 1])) {
        ++pos_;
      } else {
        break;
      }
    }
    Token token = make(Token::Kind::field, start);
    const std::string word = lower(token.spelling);
    if (word == "and") token.kind = Token::Kind::kw_and;
    if (word == "or") token.kind = Token::Kind::kw_or;
    if (word == "not") token.kind = Token::Kind::kw_not;
    if (word == "in") token.kind = Token::Kind::kw_in;
    if (word == "true") token.kind = Token::Kind::kw_true;
    if (word == "false") token.kind = Token::Kind::kw_false;
    return token;
  }

  Token number() {
    const std::size_t start = pos_;
    if (in_[pos_] == '-' || in_[pos_] == '+') ++pos_;
    while (pos_ < in_.size() && (is_digit(in_[pos_]) || in_[pos_] == '.')) ++pos_;
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < in_.size() && (in_[pos_] == '-' || in_[pos_] == '+')) ++pos_;
      while (pos_ < in_.size() && is_digit(in_[pos_])) ++pos_;
    }
    // A number runs into letters ("12abc", "1e"): take them in, so the message shows it all.
    while (pos_ < in_.size() && (is_field_char(in_[pos_]) || in_[pos_] == '.')) ++pos_;
    Token token = make(Token::Kind::number, start);
    const char* first = in_.data() + start + (in_[start] == '+' ? 1 : 0);
    const char* last = in_.data() + pos_;
    const auto [end, ec] = std::from_chars(first, last, token.number);
    if (ec != std::errc() || end != last)
      throw_where_error(in_, start, "malformed number '" + token.spelling + "'",
                        "write numbers like 3, 0.5, -2 or 1e-3");
    return token;
  }

  Token text() {
    const std::size_t start = pos_;
    const char quote = in_[pos_++];
    std::string value;
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      const char after = pos_ + 1 < in_.size() ? in_[pos_ + 1] : '\0';
      if (c == '\\' && (after == quote || after == '\\')) {
        value += after;
        pos_ += 2;
      } else if (c == quote && after == quote) {
        value += quote;
        pos_ += 2;
      } else if (c == quote) {
        ++pos_;
        Token token = make(Token::Kind::text, start);
        token.text = std::move(value);
        return token;
      } else {
        value += c;
        ++pos_;
      }
    }
    throw_where_error(in_, start,
                      std::string("unterminated string: the ") + quote + " here is never closed",
                      std::string("end the string with ") + quote +
                          "; write a quote inside it "
                          "twice ('it''s')");
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> lex_where(std::string_view expression) { return Lexer(expression).run(); }

}  // namespace eorun::query
