// SQL assembled from fixed fragments and bound values, never from user text.
//
//   SqlBuilder sql;
//   sql.sql("r.id IN (SELECT run FROM run_params WHERE key = ").value(key).sql(" AND value_num < ")
//      .value(0.001).sql(")");
//   // sql.text() == "r.id IN (SELECT run FROM run_params WHERE key = ? AND value_num < ?)"
//
// A SqlFragment can only be made from a string literal, so text that came from a user (a key, a
// value, a field name) cannot reach the SQL text by accident: it goes through value(), which
// writes a `?` placeholder and keeps the value to be bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace eorun::sqlite {
class Stmt;
}

namespace eorun::query {

// A piece of SQL written in eorun's source: constructible from string literals only.
class SqlFragment {
 public:
  template <std::size_t N>
  constexpr SqlFragment(const char (&text)[N]) : text_(text) {}  // NOLINT: implicit on purpose
  constexpr const char* text() const { return text_; }

 private:
  const char* text_;
};

using SqlValue = std::variant<std::int64_t, double, std::string>;

class SqlBuilder {
 public:
  SqlBuilder& sql(SqlFragment fragment) {
    text_ += fragment.text();
    return *this;
  }
  SqlBuilder& value(SqlValue value) {
    text_ += '?';
    values_.push_back(std::move(value));
    return *this;
  }
  SqlBuilder& append(const SqlBuilder& other) {
    text_ += other.text_;
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    return *this;
  }

  bool empty() const { return text_.empty(); }
  const std::string& text() const { return text_; }
  const std::vector<SqlValue>& values() const { return values_; }

  // Binds values() to `stmt`'s anonymous placeholders, the first one being number `first`.
  void bind(sqlite::Stmt& stmt, int first = 1) const;

 private:
  std::string text_;
  std::vector<SqlValue> values_;
};

}  // namespace eorun::query
