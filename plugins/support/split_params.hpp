// The split parameters every reader with split lists or a random split declares alike:
// split_train/split_val/split_test (split lists), split_seed, val_fraction and test_fraction
// (a seeded stratified split), and reading them back.
#pragma once

#include <cstdint>
#include <string>

#include "eorun/error.hpp"
#include "eorun/params.hpp"
#include "support/stratified_split.hpp"

namespace eorun::support {

// The declared parameters of a seeded stratified split, with the plugin's one-line docs.
constexpr ParamSpec split_seed_param(const char* doc) {
  return ParamSpec{"split_seed", ParamType::integer, "0", nullptr, doc}.at_least(0);
}
constexpr ParamSpec val_fraction_param(const char* doc) {
  return ParamSpec{"val_fraction", ParamType::real, "0.2", nullptr, doc}.at_least(0).less_than(1);
}
constexpr ParamSpec test_fraction_param(const char* doc) {
  return ParamSpec{"test_fraction", ParamType::real, "0.2", nullptr, doc}.at_least(0).less_than(1);
}

// split_seed, val_fraction and test_fraction of resolved parameters.
inline StratifiedSplitOptions random_split_options(const Params& params) {
  return {static_cast<std::uint64_t>(params.get_int("split_seed")), params.get_real("val_fraction"),
          params.get_real("test_fraction")};
}

// The parameter naming the split list of `split`: "split_train", "split_val" or "split_test".
// Throws eorun::Error (subject `dataset` + " split") for another split name.
inline const std::string& split_list_parameter(const std::string& split,
                                               const std::string& dataset) {
  static const std::string train = "split_train", val = "split_val", test = "split_test";
  if (split == "train") return train;
  if (split == "val") return val;
  if (split == "test") return test;
  throw Error(dataset + " split", "unknown split '" + split + "'", "ask for train, val or test");
}

}  // namespace eorun::support
