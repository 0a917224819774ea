#include "patch_names.hpp"

#include <cctype>
#include <vector>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {

namespace {

std::vector<std::string> tokens_of(const std::string& name) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = name.find('_', start);
    tokens.push_back(name.substr(start, end - start));
    if (end == std::string::npos) return tokens;
    start = end + 1;
  }
}

// `name` minus its last `drop` tokens; throws when it has no more than `drop` tokens.
std::string drop_last_tokens(const std::string& name, std::size_t drop, const char* what,
                             const char* example) {
  std::size_t cut = name.size();
  for (std::size_t i = 0; i < drop; ++i) {
    cut = cut == 0 ? std::string::npos : name.rfind('_', cut - 1);
    if (cut == std::string::npos || cut == 0)
      throw Error(std::string(what) + " '" + name + "'",
                  "is not a BigEarthNet patch name (it needs more than " + std::to_string(drop) +
                      " '_'-separated tokens)",
                  std::string("use the published patch names, e.g. ") + example);
  }
  return name.substr(0, cut);
}

// T + 2 digits + 3 capital letters, e.g. T33UUP.
bool is_mgrs_tile(const std::string& token) {
  if (token.size() != 6 || token[0] != 'T') return false;
  for (std::size_t i = 1; i < 3; ++i)
    if (!std::isdigit(static_cast<unsigned char>(token[i]))) return false;
  for (std::size_t i = 3; i < 6; ++i)
    if (!std::isupper(static_cast<unsigned char>(token[i]))) return false;
  return true;
}

}  // namespace

std::string s2_product_of(const std::string& s2_patch) {
  return drop_last_tokens(s2_patch, 2, "bigearthnet patch", "S2A_MSIL2A_20170613T101031_87_48");
}

std::string s1_tile_folder_of(const std::string& s1_patch) {
  return drop_last_tokens(s1_patch, 3, "bigearthnet S1 patch",
                          "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_61_39");
}

std::string mgrs_tile_of_v2_patch(const std::string& s2_patch) {
  const std::vector<std::string> tokens = tokens_of(s2_patch);
  if (tokens.size() < 3 || !is_mgrs_tile(tokens[tokens.size() - 3]))
    throw Error("bigearthnet patch '" + s2_patch + "'",
                "has no MGRS tile id (like T33UUP) as its third token from the end",
                "BigEarthNet v2 patch names look like "
                "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57");
  return tokens[tokens.size() - 3];
}

std::string find_mgrs_tile(const std::string& text) {
  for (const std::string& token : tokens_of(text))
    if (is_mgrs_tile(token)) return token;
  return {};
}

}  // namespace eorun::bigearthnet
