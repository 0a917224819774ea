// The --where language: tokens, precedence, lists, and the message of every syntax error.
#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "registry/query/where_error.hpp"
#include "registry/query/where_lexer.hpp"
#include "registry/query/where_parser.hpp"

namespace eorun::query {
namespace {

std::string parsed(const std::string& expression) { return to_string(*parse_where(expression)); }

// The error parse_where throws for `expression`.
Error error_of(const std::string& expression) {
  try {
    parse_where(expression);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << expression;
  return Error("", "");
}

TEST(WhereLexerTest, ReadsFieldsNumbersStringsAndOperators) {
  const std::vector<Token> tokens =
      lex_where("dataset.bands='ms' AND train.lr<=1e-3 or x != \"a\"\"b\" and y <> -.5");
  std::vector<Token::Kind> kinds;
  for (const Token& token : tokens) kinds.push_back(token.kind);
  using K = Token::Kind;
  EXPECT_EQ(kinds, (std::vector<K>{K::field, K::compare, K::text, K::kw_and, K::field, K::compare,
                                   K::number, K::kw_or, K::field, K::compare, K::text, K::kw_and,
                                   K::field, K::compare, K::number, K::end}));
  EXPECT_EQ(tokens[0].spelling, "dataset.bands");
  EXPECT_EQ(tokens[2].text, "ms");
  EXPECT_EQ(tokens[5].op, CompareOp::le);
  EXPECT_DOUBLE_EQ(tokens[6].number, 1e-3);
  EXPECT_EQ(tokens[9].op, CompareOp::ne);
  EXPECT_EQ(tokens[10].text, "a\"b");
  EXPECT_EQ(tokens[13].op, CompareOp::ne);
  EXPECT_DOUBLE_EQ(tokens[14].number, -0.5);
  EXPECT_EQ(tokens[4].offset, 23u);
}

TEST(WhereLexerTest, StringsKeepEverythingButTheirQuotes) {
  EXPECT_EQ(lex_where("'it''s'")[0].text, "it's");
  EXPECT_EQ(lex_where(R"('it\'s')")[0].text, "it's");
  EXPECT_EQ(lex_where(R"("C:\data\x")")[0].text, R"(C:\data\x)");
  EXPECT_EQ(lex_where("'x'' OR 1=1 --'")[0].text, "x' OR 1=1 --");
  EXPECT_EQ(lex_where("'é and ü'")[0].text, "é and ü");
}

TEST(WhereParserTest, NotBindsTighterThanAndWhichBindsTighterThanOr) {
  EXPECT_EQ(parsed("a = 1 or b = 2 and c = 3"), "((a = 1) or ((b = 2) and (c = 3)))");
  EXPECT_EQ(parsed("a = 1 and b = 2 or c = 3"), "(((a = 1) and (b = 2)) or (c = 3))");
  EXPECT_EQ(parsed("not a = 1 and b = 2"), "((not (a = 1)) and (b = 2))");
  EXPECT_EQ(parsed("not a = 1 or not not b = 2"), "((not (a = 1)) or (not (not (b = 2))))");
  EXPECT_EQ(parsed("not (a = 1 or b = 2) and c = 3"), "((not ((a = 1) or (b = 2))) and (c = 3))");
  EXPECT_EQ(parsed("a = 1 and (b = 2 or c = 3)"), "((a = 1) and ((b = 2) or (c = 3)))");
  EXPECT_EQ(parsed("a = 1 or b = 2 or c = 3"), "(((a = 1) or (b = 2)) or (c = 3))");
  EXPECT_EQ(parsed("((a = 1))"), "(a = 1)");
  EXPECT_EQ(parsed("A = 1 AnD B = 2 OR NOT C = 3"), "(((A = 1) and (B = 2)) or (not (C = 3)))");
}

TEST(WhereParserTest, ReadsEveryComparisonAndLiteral) {
  EXPECT_EQ(parsed("x = 1"), "(x = 1)");
  EXPECT_EQ(parsed("x == 1"), "(x = 1)");
  EXPECT_EQ(parsed("x != 1"), "(x != 1)");
  EXPECT_EQ(parsed("x <> 1"), "(x != 1)");
  EXPECT_EQ(parsed("x < 1e-3"), "(x < 0.001)");
  EXPECT_EQ(parsed("x <= -2"), "(x <= -2)");
  EXPECT_EQ(parsed("x > .5"), "(x > 0.5)");
  EXPECT_EQ(parsed("x >= +3"), "(x >= 3)");
  EXPECT_EQ(parsed("x = 'ms'"), "(x = 'ms')");
  EXPECT_EQ(parsed("x = \"ms\""), "(x = 'ms')");
  EXPECT_EQ(parsed("x = true and y = FALSE"), "((x = true) and (y = false))");
  EXPECT_EQ(parsed("val.f1_macro>0.5"), "(val.f1_macro > 0.5)");
}

TEST(WhereParserTest, ReadsInLists) {
  EXPECT_EQ(parsed("train.optimizer in ('adam', 'sgd')"), "(train.optimizer in ('adam', 'sgd'))");
  EXPECT_EQ(parsed("seed in (1)"), "(seed in (1))");
  EXPECT_EQ(parsed("seed not in (1, 2, 3) and x = 1"), "((seed not in (1, 2, 3)) and (x = 1))");
  EXPECT_EQ(parsed("x IN (1, 'a', true)"), "(x in (1, 'a', true))");
  EXPECT_EQ(parsed("not x in (1)"), "(not (x in (1)))");
}

// Every syntax error: the message, its 1-based column, and a caret under that column.
struct SyntaxCase {
  std::string expression;
  std::string problem;
  std::size_t caret;  // column
};

TEST(WhereParserTest, EverySyntaxErrorNamesItsColumnAndPointsAtIt) {
  const std::vector<SyntaxCase> cases = {
      {"", "the expression is empty", 1},
      {"   ", "the expression is empty", 1},
      {"x = 1 ; DROP TABLE runs", "unexpected character ';'", 7},
      {"x = 1 # comment", "unexpected character '#'", 7},
      {"x ! 1", "unexpected character '!'", 3},
      {"x = 'abc", "unterminated string: the ' here is never closed", 5},
      {"x' OR 1=1 --", "unterminated string: the ' here is never closed", 2},
      {"x = 1e", "malformed number '1e'", 5},
      {"x = 1.2.3", "malformed number '1.2.3'", 5},
      {"x = 12abc", "malformed number '12abc'", 5},
      {"x =", "expected a value after '=', found the end of the expression", 4},
      {"x < and", "expected a value after '<', found 'and'", 5},
      {"x = ms", "expected a value after '=', found the name 'ms'", 5},
      {"x = (1)", "expected a value after '=', found '('", 5},
      {"x",
       "expected a comparison (=, !=, <, <=, >, >=, in) after 'x', found the end of the "
       "expression",
       2},
      {"x 1", "expected a comparison (=, !=, <, <=, >, >=, in) after 'x', found '1'", 3},
      {"= 1", "expected a field name (like train.lr or val.f1_macro), found '='", 1},
      {"1 = x", "expected a field name (like train.lr or val.f1_macro), found '1'", 1},
      {"x = 1 and",
       "expected a field name (like train.lr or val.f1_macro), found the end of the "
       "expression",
       10},
      {"not",
       "expected a field name (like train.lr or val.f1_macro), found the end of the "
       "expression",
       4},
      {"x = 1 y = 2", "expected 'and', 'or' or the end of the expression, found 'y'", 7},
      {"(x = 1", "unbalanced parentheses: this '(' is never closed", 1},
      {"((x = 1) and y = 2", "unbalanced parentheses: this '(' is never closed", 1},
      {"x = 1)", "unbalanced parentheses: this ')' has no matching '('", 6},
      {"(x = 1))", "unbalanced parentheses: this ')' has no matching '('", 8},
      {"()", "expected a field name, found ')'", 2},
      {"(x = 1 y = 2)", "expected 'and', 'or' or ')', found 'y'", 8},
      {"x in 1", "expected '(' after 'in', found '1'", 6},
      {"x in ()", "the list after 'in' is empty", 7},
      {"x in (1 2)", "expected ',' or ')' in the list after 'in', found '2'", 9},
      {"x in (1,)", "expected a value after ',', found ')'", 9},
      {"x in (1, 2", "unbalanced parentheses: this '(' is never closed", 6},
      {"x not = 1", "expected a comparison (=, !=, <, <=, >, >=, in) after 'x', found 'not'", 3},
  };
  for (const SyntaxCase& c : cases) {
    const Error e = error_of(c.expression);
    EXPECT_EQ(e.subject(), "--where") << c.expression;
    EXPECT_EQ(e.problem(), c.problem + " at column " + std::to_string(c.caret)) << c.expression;
    // The remedy ends with the expression and a caret under the column.
    const std::string& remedy = e.remedy();
    const std::size_t last_line = remedy.rfind('\n');
    ASSERT_NE(last_line, std::string::npos) << c.expression;
    EXPECT_EQ(remedy.substr(last_line), "\n  " + std::string(c.caret - 1, ' ') + "^")
        << c.expression;
    EXPECT_NE(remedy.find("\n  " + c.expression + "\n"), std::string::npos) << remedy;
  }
}

TEST(WhereParserTest, HugeExpressionsAreRefusedBeforeTheyReachSqlite) {
  const std::string deep = std::string(40, '(') + "x = 1" + std::string(40, ')');
  EXPECT_EQ(error_of(deep).problem(),
            "the expression nests more than 32 parentheses and `not`s deep at column 33");
  std::string nots;
  for (int i = 0; i < 40; ++i) nots += "not ";
  EXPECT_EQ(error_of(nots + "x = 1").problem(),
            "the expression nests more than 32 parentheses and `not`s deep at column 129");
  std::string chain = "x = 0";
  for (int i = 1; i <= 100; ++i) chain += " or x = " + std::to_string(i);
  const std::string comparisons = "the expression has more than 100 comparisons at column ";
  EXPECT_EQ(error_of(chain).problem(),
            comparisons + std::to_string(chain.rfind("x = 100") + 1));
  std::string list = "x in (0";
  for (int i = 1; i <= 1000; ++i) list += ", " + std::to_string(i);
  EXPECT_EQ(error_of(list + ")").problem(),
            "the expression has more than 1000 values at column " +
                std::to_string(list.rfind("1000") + 1));
  EXPECT_NO_THROW(parse_where(std::string(32, '(') + "x = 1" + std::string(32, ')')));
}

TEST(WhereParserTest, TheCaretCountsCharactersNotBytes) {
  EXPECT_EQ(column_of("x = 'é' and", 9), 9u);  // é is two bytes
  EXPECT_EQ(column_of("x = 'é' and", 0), 1u);
  const Error e = error_of("x = 'é' ;");
  EXPECT_EQ(e.problem(), "unexpected character ';' at column 9");
}

TEST(WhereParserTest, TheFullMessageReadsWell) {
  const Error e = error_of("train.lr <");
  EXPECT_STREQ(e.what(),
               "--where: expected a value after '<', found the end of the expression at column 11; "
               "values are numbers (3, 0.5, 1e-3), 'quoted strings', true or false\n"
               "  train.lr <\n"
               "            ^");
}

}  // namespace
}  // namespace eorun::query
