#include "triplet_file.hpp"

#include <vector>

#include "eorun/error.hpp"

namespace eorun::sen12ms {

namespace {

constexpr const char* kBrokenRemedy =
    "replace the file from the SEN12MS archive, or remove the sample from the split list";

}  // namespace

support::RasterFile open_triplet_file(const std::filesystem::path& root, const PatchName& name,
                                      Modality modality) {
  support::RasterFile file(name.file(root, modality), "sen12ms sample '" + name.id() + "'",
                           kBrokenRemedy);
  switch (modality) {
    case Modality::s2: file.require(0, 0, kS2Bands, {"UInt16"}); break;
    case Modality::s1: file.require(0, 0, kS1Bands, {"Float32"}); break;
    case Modality::lc: file.require(0, 0, 1, {"Byte", "UInt16", "Int16", "UInt32", "Int32"}); break;
  }
  return file;
}

TripletCheck check_triplet(const std::filesystem::path& root, const PatchName& name, bool with_s1,
                           bool with_s2) {
  std::vector<Modality> modalities;
  if (with_s2) modalities.push_back(Modality::s2);
  if (with_s1) modalities.push_back(Modality::s1);
  modalities.push_back(Modality::lc);

  TripletCheck check;
  std::error_code ec;
  for (Modality modality : modalities) {
    const std::filesystem::path path = name.file(root, modality);
    if (!std::filesystem::exists(path, ec)) {
      check.status = TripletCheck::Status::missing;
      check.problem = path.string();
      return check;
    }
  }
  Modality first = modalities.front();
  for (Modality modality : modalities) {
    const std::string kind(modality_name(modality));
    try {
      const support::RasterFile file = open_triplet_file(root, name, modality);
      const support::RasterShape& shape = file.shape();
      if (modality == first) {
        check.width = shape.width;
        check.height = shape.height;
      } else if (shape.width != check.width || shape.height != check.height) {
        file.fail("has " + std::to_string(shape.width) + "x" + std::to_string(shape.height) +
                  " pixels, its " + std::string(modality_name(first)) + " file " +
                  std::to_string(check.width) + "x" + std::to_string(check.height));
      }
      if (modality == Modality::lc) {
        std::vector<float> classes(static_cast<std::size_t>(shape.width) * shape.height);
        file.read_band(1, classes.data(), shape.width, shape.height);
        check.counts = count_classes(classes.data(), classes.size());
        if (check.counts.valid == 0)
          file.fail("has no pixel with an IGBP class (1..17) in band 1, so the patch has no label");
      } else {
        std::vector<float> row(static_cast<std::size_t>(shape.width));
        file.read_window(shape.bands, 0, shape.height - 1, shape.width, 1, row.data());
      }
    } catch (const Error& e) {
      check.status = TripletCheck::Status::damaged;
      check.problem = kind + " " + e.problem();
      return check;
    }
  }
  return check;
}

}  // namespace eorun::sen12ms
