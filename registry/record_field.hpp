// Typed reading of a run record's JSON, one value at a time, for RunRecord::from_json.
//
//   RecordField root(document, "run record 3f2a...");
//   std::int64_t epoch = root["best"]["epoch"].integer();
//
// A value of the wrong type, or a required one that is missing, is an eorun::Error that names
// the value by its path: "run record 3f2a...: field 'best.epoch' should be an integer, got
// string; <remedy>". A missing value and JSON null both read as "not recorded", except for real
// numbers, where null is how JSON writes NaN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace eorun::registry {

// What to do about a malformed record.
inline constexpr const char* kMalformedRecordRemedy =
    "the record should be the record.json eorun wrote in the run's bundle; re-run the run or "
    "restore its bundle";

class RecordField {
 public:
  // The whole document. `subject` (e.g. "run record <id>") must outlive every field read from it.
  RecordField(const nlohmann::json& document, const std::string& subject);

  // What errors name as their subject ("run record <id>").
  const std::string& subject() const { return *subject_; }
  // The dotted path of this value in the record ("epochs[1].val"); "" for the whole record.
  const std::string& path() const { return path_; }
  // Present and not null.
  bool recorded() const { return value_ != nullptr && !value_->is_null(); }

  // A member of this object (this being not recorded, the member is not either).
  RecordField operator[](const char* key) const;
  // The members of this object, in key order (none when not recorded).
  std::vector<std::pair<std::string, RecordField>> members() const;
  // The elements of this list (none when not recorded).
  std::vector<RecordField> elements() const;

  // Required values: missing or null is an error.
  std::string text() const;
  std::int64_t integer() const;
  bool boolean() const;
  // A number; null stands for NaN (how JSON writes it); missing is an error.
  double real() const;
  std::vector<std::string> texts() const;
  std::vector<std::int64_t> integers() const;
  std::vector<double> reals() const;
  // Any JSON object, kept as it is (free-form documents such as the spec).
  const nlohmann::json& object() const;

  // Values a record may lack: nullopt when missing or null.
  std::optional<std::string> optional_text() const;
  std::optional<std::int64_t> optional_integer() const;
  std::optional<double> optional_real() const;
  // An object as it is, or null.
  nlohmann::json optional_object() const;

  // The value as it is (null when missing).
  const nlohmann::json& any() const;

  [[noreturn]] void fail(const std::string& problem) const;
  [[noreturn]] void wrong_type(const char* expected) const;

 private:
  RecordField(const nlohmann::json* value, std::string path, const std::string& subject)
      : value_(value), path_(std::move(path)), subject_(&subject) {}
  const nlohmann::json& required() const;
  void expect(bool ok, const char* expected) const {
    if (!ok) wrong_type(expected);
  }

  const nlohmann::json* value_;  // nullptr when missing
  std::string path_;
  const std::string* subject_;
};

}  // namespace eorun::registry
