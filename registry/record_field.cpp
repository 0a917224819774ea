#include "registry/record_field.hpp"

#include <limits>

#include "eorun/error.hpp"

namespace eorun::registry {

using nlohmann::json;

RecordField::RecordField(const json& document, const std::string& subject)
    : RecordField(&document, "", subject) {}

RecordField RecordField::operator[](const char* key) const {
  const std::string path = path_.empty() ? key : path_ + "." + key;
  if (!recorded()) return RecordField(nullptr, path, *subject_);
  expect(value_->is_object(), "an object");
  auto it = value_->find(key);
  return RecordField(it == value_->end() ? nullptr : &*it, path, *subject_);
}

std::vector<std::pair<std::string, RecordField>> RecordField::members() const {
  std::vector<std::pair<std::string, RecordField>> out;
  if (!recorded()) return out;
  expect(value_->is_object(), "an object");
  for (auto it = value_->begin(); it != value_->end(); ++it)
    out.emplace_back(it.key(), RecordField(&it.value(), path_ + "." + it.key(), *subject_));
  return out;
}

std::vector<RecordField> RecordField::elements() const {
  std::vector<RecordField> out;
  if (!recorded()) return out;
  expect(value_->is_array(), "a list");
  for (std::size_t i = 0; i < value_->size(); ++i)
    out.push_back(RecordField(&(*value_)[i], path_ + "[" + std::to_string(i) + "]", *subject_));
  return out;
}

std::string RecordField::text() const {
  const json& value = required();
  expect(value.is_string(), "a string");
  return value.get<std::string>();
}

std::int64_t RecordField::integer() const {
  const json& value = required();
  expect(value.is_number_integer(), "an integer");
  return value.get<std::int64_t>();
}

bool RecordField::boolean() const {
  const json& value = required();
  expect(value.is_boolean(), "true or false");
  return value.get<bool>();
}

double RecordField::real() const {
  if (value_ == nullptr) fail("is missing");
  if (value_->is_null()) return std::numeric_limits<double>::quiet_NaN();
  expect(value_->is_number(), "a number");
  return value_->get<double>();
}

std::vector<std::string> RecordField::texts() const {
  required();
  std::vector<std::string> out;
  for (const RecordField& element : elements()) out.push_back(element.text());
  return out;
}

std::vector<std::int64_t> RecordField::integers() const {
  required();
  std::vector<std::int64_t> out;
  for (const RecordField& element : elements()) out.push_back(element.integer());
  return out;
}

std::vector<double> RecordField::reals() const {
  required();
  std::vector<double> out;
  for (const RecordField& element : elements()) out.push_back(element.real());
  return out;
}

const json& RecordField::object() const {
  const json& value = required();
  expect(value.is_object(), "an object");
  return value;
}

std::optional<std::string> RecordField::optional_text() const {
  if (!recorded()) return std::nullopt;
  return text();
}

std::optional<std::int64_t> RecordField::optional_integer() const {
  if (!recorded()) return std::nullopt;
  return integer();
}

std::optional<double> RecordField::optional_real() const {
  if (!recorded()) return std::nullopt;
  return real();
}

json RecordField::optional_object() const {
  if (!recorded()) return json();
  return object();
}

const json& RecordField::any() const {
  static const json kNull;
  return value_ == nullptr ? kNull : *value_;
}

void RecordField::fail(const std::string& problem) const {
  throw Error(*subject_, "field '" + path_ + "' " + problem, kMalformedRecordRemedy);
}

void RecordField::wrong_type(const char* expected) const {
  fail(std::string("should be ") + expected + ", got " + any().type_name());
}

const json& RecordField::required() const {
  if (!recorded()) fail("is missing");
  return *value_;
}

}  // namespace eorun::registry
