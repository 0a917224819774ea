#include "registry/query/where_parser.hpp"

#include <vector>

#include "registry/query/where_error.hpp"
#include "registry/query/where_lexer.hpp"

namespace eorun::query {

namespace {

// Bounds that keep recursion and the SQL built from an expression small.
constexpr int kMaxDepth = 32;               // nested parentheses and `not`s
constexpr std::size_t kMaxComparisons = 100;
constexpr std::size_t kMaxValues = 1000;    // literals in all
constexpr const char* kTooLargeRemedy =
    "write a smaller expression, or filter in steps (--format csv and a script)";

constexpr const char* kValueRemedy =
    "values are numbers (3, 0.5, 1e-3), 'quoted strings', true or false";
constexpr const char* kShapeRemedy =
    "write comparisons like dataset.bands = 'ms' and train.lr < 1e-3, joined by and, or, not";

// How a token reads in a message.
std::string describe(const Token& token) {
  if (token.kind == Token::Kind::end) return "the end of the expression";
  return "'" + token.spelling + "'";
}

class Parser {
 public:
  Parser(std::string_view expression, std::vector<Token> tokens)
      : expression_(expression), tokens_(std::move(tokens)) {}

  ExprPtr run() {
    if (peek().kind == Token::Kind::end)
      throw_where_error(expression_, 0, "the expression is empty", kShapeRemedy);
    ExprPtr expr = parse_or();
    const Token& rest = peek();
    if (rest.kind == Token::Kind::right_paren)
      fail(rest, "unbalanced parentheses: this ')' has no matching '('",
           "remove it or add the '(' it closes");
    if (rest.kind != Token::Kind::end)
      fail(rest, "expected 'and', 'or' or the end of the expression, found " + describe(rest),
           "join comparisons with and / or; quote strings that contain spaces");
    return expr;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_++]; }
  bool accept(Token::Kind kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }

  [[noreturn]] void fail(const Token& at, const std::string& problem, const std::string& remedy) {
    throw_where_error(expression_, at.offset, problem, remedy);
  }

  static ExprPtr binary(Expr::Kind kind, ExprPtr left, ExprPtr right) {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->left = std::move(left);
    expr->right = std::move(right);
    return expr;
  }

  ExprPtr parse_or() {
    ExprPtr left = parse_and();
    while (accept(Token::Kind::kw_or)) left = binary(Expr::Kind::or_, std::move(left), parse_and());
    return left;
  }

  ExprPtr parse_and() {
    ExprPtr left = parse_unary();
    while (accept(Token::Kind::kw_and))
      left = binary(Expr::Kind::and_, std::move(left), parse_unary());
    return left;
  }

  // Counts one more level of nesting at `at`; the caller lowers it again.
  void enter(const Token& at) {
    if (++depth_ > kMaxDepth)
      fail(at, "the expression nests more than " + std::to_string(kMaxDepth) +
                   " parentheses and `not`s deep",
           kTooLargeRemedy);
  }

  ExprPtr parse_unary() {
    if (peek().kind == Token::Kind::kw_not || peek().kind == Token::Kind::left_paren) {
      enter(peek());
      ExprPtr expr = parse_nested();
      --depth_;
      return expr;
    }
    return parse_comparison();
  }

  // `not unary` or `( expr )`.
  ExprPtr parse_nested() {
    if (accept(Token::Kind::kw_not)) {
      auto expr = std::make_unique<Expr>();
      expr->kind = Expr::Kind::not_;
      expr->left = parse_unary();
      return expr;
    }
    const Token& open = take();  // '('
    ExprPtr inner = parse_or();
    if (peek().kind == Token::Kind::end)
      fail(open, "unbalanced parentheses: this '(' is never closed", "add the ')' that closes it");
    if (!accept(Token::Kind::right_paren))
      fail(peek(), "expected 'and', 'or' or ')', found " + describe(peek()),
           "join comparisons with and / or; quote strings that contain spaces");
    return inner;
  }

  ExprPtr parse_comparison() {
    const Token& field = peek();
    if (++comparisons_ > kMaxComparisons)
      fail(field, "the expression has more than " + std::to_string(kMaxComparisons) +
                      " comparisons",
           kTooLargeRemedy);
    if (field.kind != Token::Kind::field) {
      if (field.kind == Token::Kind::right_paren)
        fail(field, "expected a field name, found ')'",
             "put a comparison between the parentheses, or remove them");
      fail(field, "expected a field name (like train.lr or val.f1_macro), found " + describe(field),
           field.kind == Token::Kind::end ? kShapeRemedy
                                          : "a comparison starts with the field: train.lr < 1e-3");
    }
    ++pos_;
    auto expr = std::make_unique<Expr>();
    expr->field = {field.spelling, field.offset};
    if (peek().kind == Token::Kind::compare) {
      const Token& op = take();
      expr->kind = Expr::Kind::compare;
      expr->op = op.op;
      expr->values.push_back(parse_value(op));
      return expr;
    }
    expr->kind = Expr::Kind::in_list;
    if (peek().kind == Token::Kind::kw_not && tokens_[pos_ + 1].kind == Token::Kind::kw_in) {
      expr->negated = true;
      ++pos_;
    }
    if (!accept(Token::Kind::kw_in))
      fail(peek(),
           "expected a comparison (=, !=, <, <=, >, >=, in) after '" + field.spelling +
               "', found " + describe(peek()),
           "compare the field with a value: " + field.spelling + " = 'value'");
    const Token& open = peek();
    if (!accept(Token::Kind::left_paren))
      fail(open, "expected '(' after 'in', found " + describe(open),
           "list the values in parentheses: " + field.spelling + " in (1, 2)");
    if (peek().kind == Token::Kind::right_paren)
      fail(peek(), "the list after 'in' is empty", "give at least one value: in (1, 2)");
    const Token* previous = &open;
    while (true) {
      expr->values.push_back(parse_value(*previous));
      if (accept(Token::Kind::right_paren)) break;
      if (peek().kind == Token::Kind::end)
        fail(open, "unbalanced parentheses: this '(' is never closed",
             "add the ')' that ends the list");
      previous = &peek();
      if (!accept(Token::Kind::comma))
        fail(peek(), "expected ',' or ')' in the list after 'in', found " + describe(peek()),
             "separate the values with commas: in (1, 2)");
    }
    return expr;
  }

  // The value after `after` (an operator, '(' or ',').
  Literal parse_value(const Token& after) {
    const Token& token = peek();
    if (++values_ > kMaxValues)
      fail(token, "the expression has more than " + std::to_string(kMaxValues) + " values",
           kTooLargeRemedy);
    Literal literal;
    literal.offset = token.offset;
    switch (token.kind) {
      case Token::Kind::number:
        literal.kind = Literal::Kind::number;
        literal.number = token.number;
        break;
      case Token::Kind::text:
        literal.kind = Literal::Kind::text;
        literal.text = token.text;
        break;
      case Token::Kind::kw_true:
      case Token::Kind::kw_false:
        literal.kind = Literal::Kind::boolean;
        literal.boolean = token.kind == Token::Kind::kw_true;
        break;
      case Token::Kind::field:
        fail(token,
             "expected a value after '" + after.spelling + "', found the name " + describe(token),
             "quote strings: '" + token.spelling + "'");
      default:
        fail(token, "expected a value after '" + after.spelling + "', found " + describe(token),
             kValueRemedy);
    }
    ++pos_;
    return literal;
  }

  std::string_view expression_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::size_t comparisons_ = 0;
  std::size_t values_ = 0;
};

}  // namespace

ExprPtr parse_where(std::string_view expression) {
  return Parser(expression, lex_where(expression)).run();
}

}  // namespace eorun::query
