#include "patch_name.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace eorun::sen12ms {

namespace {

constexpr std::string_view kTifSuffix = ".tif";
constexpr std::string_view kRoiPrefix = "ROIs";
constexpr std::size_t kNameTokens = 5;  // ROIs1158, spring, s2, 1, p30

bool all_of(std::string_view text, int (*test)(int)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [test](char c) {
    return test(static_cast<unsigned char>(c)) != 0;
  });
}

bool is_digits(std::string_view text) { return all_of(text, &isdigit); }
bool is_lower(std::string_view text) { return all_of(text, &islower); }

std::vector<std::string_view> split_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('_', start);
    tokens.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return tokens;
    start = end + 1;
  }
}

}  // namespace

std::string PatchName::stem(Modality modality) const {
  return roi + "_" + std::string(modality_name(modality)) + "_" + scene + "_p" + patch;
}

std::filesystem::path PatchName::file(const std::filesystem::path& root, Modality modality) const {
  return root / roi / (std::string(modality_name(modality)) + "_" + scene) /
         (stem(modality) + std::string(kTifSuffix));
}

bool is_season_folder(std::string_view name) {
  const std::size_t underscore = name.find('_');
  if (underscore == std::string_view::npos || name.substr(0, kRoiPrefix.size()) != kRoiPrefix)
    return false;
  return is_digits(name.substr(kRoiPrefix.size(), underscore - kRoiPrefix.size())) &&
         is_lower(name.substr(underscore + 1));
}

std::optional<PatchName> parse_patch_name(std::string_view entry) {
  if (const std::size_t slash = entry.find_last_of('/'); slash != std::string_view::npos)
    entry.remove_prefix(slash + 1);
  if (entry.size() > kTifSuffix.size() &&
      entry.substr(entry.size() - kTifSuffix.size()) == kTifSuffix)
    entry.remove_suffix(kTifSuffix.size());
  const std::vector<std::string_view> tokens = split_tokens(entry);
  if (tokens.size() != kNameTokens) return std::nullopt;
  const std::string roi = std::string(tokens[0]) + "_" + std::string(tokens[1]);
  if (!is_season_folder(roi) || (tokens[2] != "s2" && tokens[2] != "s1") ||
      !is_digits(tokens[3]) || tokens[4].size() < 2 || tokens[4][0] != 'p' ||
      !is_digits(tokens[4].substr(1)))
    return std::nullopt;
  return PatchName{roi, std::string(tokens[3]), std::string(tokens[4].substr(1))};
}

}  // namespace eorun::sen12ms
