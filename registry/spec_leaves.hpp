// A run spec seen as flat parameters: one entry per leaf, keyed by its dotted path.
//
//   {"train": {"lr": 0.001, "optimizer": "adam"}, "dataset": {"bands": ["B04", "B03"]}}
//   -> dataset.bands = ["B04","B03"], train.lr = 0.001, train.optimizer = adam
//
// Lists are leaves (kept whole), so "the same list" compares as one value.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace eorun {

// Every leaf of `spec` by dotted key, in key order. An empty object is a leaf too.
std::map<std::string, nlohmann::json> spec_leaves(const nlohmann::json& spec);

// A leaf as text: strings as they are, everything else as compact JSON ("0.001", "true",
// "[\"B04\",\"B03\"]"). This is what run_params.value_text holds.
std::string leaf_text(const nlohmann::json& leaf);

}  // namespace eorun
