// --where to SQL: field resolution, type checks, and that no literal or key reaches the SQL text.
#include <gtest/gtest.h>

#include "eorun/error.hpp"
#include "registry/query/fields.hpp"
#include "registry/query/where_sql.hpp"

namespace eorun::query {
namespace {

FieldCatalog catalog() {
  return FieldCatalog({{"dataset.bands", ValueType::text},
                       {"train.lr", ValueType::number},
                       {"train.seed", ValueType::number},
                       {"model.pretrained", ValueType::text},
                       {"dataset.classes", ValueType::mixed}},
                      {"f1_macro", "hamming_loss"}, {"f1_macro", "f1_micro"});
}

Error error_of(const std::string& expression) {
  try {
    compile_where(expression, catalog());
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << expression;
  return Error("", "");
}

std::string text_of(const SqlValue& value) {
  if (const std::string* text = std::get_if<std::string>(&value)) return *text;
  if (const double* number = std::get_if<double>(&value)) return std::to_string(*number);
  return std::to_string(std::get<std::int64_t>(value));
}

TEST(FieldCatalogTest, ResolvesRecordedFieldsMetricsAndSpecKeys) {
  const FieldCatalog fields = catalog();
  EXPECT_EQ(fields.find("seed")->kind, FieldKind::recorded);
  EXPECT_EQ(fields.find("seed")->type, ValueType::number);
  EXPECT_EQ(fields.find("status")->type, ValueType::text);
  EXPECT_EQ(fields.find("sweep")->kind, FieldKind::sweep);

  const Field bare = *fields.find("f1_macro");  // a bare metric means val
  EXPECT_EQ(bare.kind, FieldKind::metric);
  EXPECT_EQ(bare.split, MetricSplit::val);
  EXPECT_EQ(bare.name, "val.f1_macro");
  const Field test = *fields.find("test.f1_micro");
  EXPECT_EQ(test.split, MetricSplit::test);
  EXPECT_EQ(test.key, "f1_micro");
  EXPECT_FALSE(fields.find("f1_micro"));  // only on test: name the split
  EXPECT_FALSE(fields.find("val.f1_micro"));
  EXPECT_FALSE(fields.find("test.hamming_loss"));

  const Field key = *fields.find("train.lr");
  EXPECT_EQ(key.kind, FieldKind::spec_key);
  EXPECT_EQ(key.key, "train.lr");
  EXPECT_EQ(key.type, ValueType::number);
  EXPECT_FALSE(fields.find("train.l"));
  EXPECT_FALSE(fields.find("train"));
}

TEST(WhereSqlTest, NoLiteralAndNoKeyReachesTheSqlText) {
  const std::string expression =
      "dataset.bands = 'zqxms' and train.lr < 12345.678 or val.f1_macro in (0.4242, 0.5353) "
      "and not status != 'failed' and sweep = 'my_sweep_name' or started_at >= '2026-01-01' "
      "or dataset.bands = 'x'' OR 1=1 --' or model.pretrained = true or seed not in (97531) "
      "or sweep = 'abcdef12'";
  const CompiledWhere compiled = compile_where(expression, catalog());
  const std::string& sql = compiled.condition.text();
  for (const char* literal :
       {"zqxms", "12345",  "0.4242", "0.5353",   "4242",       "failed", "my_sweep",
        "2026",  "OR 1=1", "--",     "true",     "97531",      "abcdef", "dataset",
        "bands", "train",  "lr",     "f1_macro", "pretrained", "val'",   "'val"})
    EXPECT_EQ(sql.find(literal), std::string::npos) << literal << " in\n" << sql;
  EXPECT_EQ(sql.find('\''), std::string::npos) << "no quoted text at all:\n" << sql;

  std::vector<std::string> values;
  for (const SqlValue& value : compiled.condition.values()) values.push_back(text_of(value));
  for (const char* bound :
       {"zqxms", "train.lr", "dataset.bands", "f1_macro", "val", "failed", "my_sweep_name",
        "2026-01-01", "x' OR 1=1 --", "true", "abcdef12", "abcdef12g"})
    EXPECT_NE(std::find(values.begin(), values.end(), bound), values.end()) << bound;
  // One placeholder per bound value.
  EXPECT_EQ(static_cast<std::size_t>(std::count(sql.begin(), sql.end(), '?')), values.size());
  EXPECT_TRUE(compiled.mentions_status);
}

TEST(WhereSqlTest, NumbersCompareAsNumbersAndStringsAsText) {
  const CompiledWhere number = compile_where("train.lr < 0.001", catalog());
  EXPECT_EQ(number.condition.text(),
            "r.id IN (SELECT run FROM run_params WHERE key = ? AND value_num < ?)");
  ASSERT_EQ(number.condition.values().size(), 2u);
  EXPECT_EQ(std::get<double>(number.condition.values()[1]), 0.001);
  EXPECT_FALSE(number.mentions_status);

  const CompiledWhere text = compile_where("dataset.bands >= 'ms'", catalog());
  EXPECT_EQ(text.condition.text(),
            "r.id IN (SELECT run FROM run_params WHERE key = ? AND value_text >= ?)");

  const CompiledWhere metric = compile_where("not f1_macro > 0.5", catalog());
  EXPECT_EQ(metric.condition.text(),
            "(NOT r.id IN (SELECT run FROM run_metrics WHERE split = ? AND name = ? AND value > "
            "?))");

  const CompiledWhere recorded = compile_where("seed in (1, 2) or status = 'failed'", catalog());
  EXPECT_EQ(recorded.condition.text(),
            "((r.seed IS NOT NULL AND coalesce(r.seed IN (?, ?), 0)) OR (r.status IS NOT NULL AND "
            "r.status = ?))");

  const CompiledWhere mixed = compile_where("dataset.classes not in (19, 'all')", catalog());
  EXPECT_EQ(mixed.condition.text(),
            "r.id IN (SELECT run FROM run_params WHERE key = ? AND NOT coalesce(value_num IN (?) "
            "OR value_text IN (?), 0))");
}

// A type or field error: the message and the column the caret points at.
struct FieldCase {
  std::string expression;
  std::string problem;
  std::size_t column;
};

TEST(WhereSqlTest, FieldAndTypeErrorsNameTheFieldAndPointAtIt) {
  const std::vector<FieldCase> cases = {
      {"dataset.band = 'ms'", "unknown field 'dataset.band'", 1},
      {"train.lr = 1 and val.f1_micro > 0.5", "unknown field 'val.f1_micro'", 18},
      {"train.lr < 'abc'", "train.lr holds numbers; it cannot be compared with the string 'abc'",
       12},
      {"train.lr = '0.001'",
       "train.lr holds numbers; it cannot be compared with the string '0.001'", 12},
      {"f1_macro > 'high'",
       "val.f1_macro holds numbers; it cannot be compared with the string "
       "'high'",
       12},
      {"seed = true", "seed holds numbers; it cannot be compared with true", 8},
      {"dataset.bands = 3", "dataset.bands holds text; it cannot be compared with the number 3",
       17},
      {"dataset.bands in ('rgb', 3)",
       "dataset.bands holds text; it cannot be compared with the number 3", 26},
      {"status = 2", "status holds text; it cannot be compared with the number 2", 10},
      {"status = false", "status holds text; it cannot be compared with false", 10},
      {"status = 'complete'", "status is completed, failed or interrupted, not 'complete'", 10},
      {"status in ('failed', 'crashed')",
       "status is completed, failed or interrupted, not 'crashed'", 22},
      {"model.pretrained < true", "true and false can only be compared with = or !=, not '<'", 20},
      {"sweep < 'a'", "sweep can only be compared with =, != or in, not '<'", 9},
      {"sweep = 12", "sweep is a sweep's name or id; it cannot be compared with the number 12", 9},
  };
  for (const FieldCase& c : cases) {
    const Error e = error_of(c.expression);
    EXPECT_EQ(e.subject(), "--where") << c.expression;
    EXPECT_EQ(e.problem(), c.problem + " at column " + std::to_string(c.column)) << c.expression;
    const std::string& remedy = e.remedy();
    EXPECT_EQ(remedy.substr(remedy.rfind('\n')), "\n  " + std::string(c.column - 1, ' ') + "^")
        << c.expression;
  }
}

TEST(WhereSqlTest, AnUnknownFieldListsWhatIsKnownAndTheClosestName) {
  const Error e = error_of("optimiser = 'adam'");
  EXPECT_EQ(e.remedy().substr(0, e.remedy().find('\n')),
            "known fields: status, seed, threads, attempt, run_id, started_at, finished_at, "
            "sweep; measured figures: wall_seconds, samples_per_second, peak_rss_bytes, "
            "cpu_seconds, energy_j, gpu_energy_j, co2_g, parameters_total, parameters_trainable; "
            "spec keys: dataset.bands, dataset.classes, model.pretrained, train.lr, train.seed; "
            "metrics (val.NAME, test.NAME, or NAME for val): f1_macro, "
            "f1_micro, hamming_loss");
  auto closest = [](const std::string& expression) {
    const std::string remedy = error_of(expression).remedy();
    return remedy.substr(0, remedy.find('?') + 1);
  };
  EXPECT_EQ(closest("dataset.band = 'ms'"), "did you mean 'dataset.bands'?");
  EXPECT_EQ(closest("lr < 1"), "did you mean 'train.lr'?");
  EXPECT_EQ(closest("test.f1_macr > 1"), "did you mean 'test.f1_macro'?");
  EXPECT_EQ(closest("staus = 'failed'"), "did you mean 'status'?");
  EXPECT_EQ(closest("energy < 1"), "did you mean 'energy_j'?");
}

}  // namespace
}  // namespace eorun::query
