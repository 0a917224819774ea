#include "predict/band_mapping.hpp"

#include <algorithm>
#include <cctype>

#include "eorun/error.hpp"
#include "util/joined.hpp"

namespace eorun {

namespace {

constexpr const char* kListRemedy = "name the scene's bands in order with --bands, e.g. --bands B02,B03,B04,B08";

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

bool listed_auto(const std::vector<std::string>& listed) {
  return listed.empty() || (listed.size() == 1 && listed.front() == "auto");
}

}  // namespace

std::vector<std::string> scene_band_names(const std::vector<std::string>& listed,
                                          const std::vector<std::string>& descriptions,
                                          const std::string& scene) {
  const bool from_descriptions = listed_auto(listed);
  const std::vector<std::string>& names = from_descriptions ? descriptions : listed;
  if (!from_descriptions && listed.size() != descriptions.size())
    throw Error("--bands " + joined(listed),
                "names " + std::to_string(listed.size()) + " bands, but " + scene + " has " +
                    std::to_string(descriptions.size()),
                "name every band of the scene, in the scene's order");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty())
      throw Error(scene, "band " + std::to_string(i + 1) + " has no description, so its name is unknown",
                  kListRemedy);
    for (std::size_t j = 0; j < i; ++j)
      if (upper(names[j]) == upper(names[i]))
        throw Error(from_descriptions ? scene : "--bands " + joined(listed),
                    "names band " + names[i] + " twice (bands " + std::to_string(j + 1) + " and " +
                        std::to_string(i + 1) + ")",
                    from_descriptions ? kListRemedy : "name each band of the scene once");
  }
  return names;
}

std::vector<int> map_bands(const std::vector<std::string>& run_bands,
                           const std::vector<std::string>& scene_bands, const std::string& scene,
                           const std::string& run) {
  std::vector<int> indices;
  std::vector<std::string> missing;
  for (const std::string& band : run_bands) {
    const auto found = std::find_if(scene_bands.begin(), scene_bands.end(),
                                    [&](const std::string& name) { return upper(name) == upper(band); });
    if (found == scene_bands.end())
      missing.push_back(band);
    else
      indices.push_back(static_cast<int>(found - scene_bands.begin()) + 1);
  }
  if (!missing.empty())
    throw Error(scene,
                "lacks band" + std::string(missing.size() > 1 ? "s " : " ") + joined(missing) + " that " +
                    run + " reads (" + joined(run_bands) + "); the scene has " + joined(scene_bands),
                "predict on a scene with those bands, or name its bands with --bands when their "
                "descriptions are wrong");
  return indices;
}

}  // namespace eorun
