// Shared set-up of the sen12ms plugin tests: synthetic roots, hand-written triplets, options.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "patch_name.hpp"
#include "sen12ms_dataset.hpp"
#include "support/geotiff_writer.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "synth/sen12ms_synth.hpp"

#define EXPECT_CONTAINS(text, part) \
  EXPECT_NE(std::string(text).find(part), std::string::npos) << "in: " << (text)

namespace eorun::sen12ms::test_support {

namespace fs = std::filesystem;

using test::read_text;

inline void write_text(const fs::path& path, const std::string& text) {
  support::write_text_file(path, text);
}

// Non-empty lines of a text file.
inline std::vector<std::string> lines(const fs::path& path) {
  std::vector<std::string> out;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

inline Sen12msOptions make_options(const fs::path& root, const std::string& split,
                                   const std::string& preset = "s2") {
  Sen12msOptions options;
  options.root = root;
  options.split = split;
  options.bands = bands_from_preset(preset);
  return options;
}

struct SynthSettings {
  int samples = 12;
  int size = 16;
  int damaged = 0;
  std::uint64_t seed = 3;
  double val_fraction = 0.2;
  double test_fraction = 0.2;
  int threads = 2;
};

inline SynthResult write_synth(const fs::path& out, const SynthSettings& settings) {
  SynthRequest request;
  request.out = out.string();
  request.samples = settings.samples;
  request.seed = settings.seed;
  request.val_fraction = settings.val_fraction;
  request.test_fraction = settings.test_fraction;
  request.threads = settings.threads;
  Params options("synth");
  options.set("size", std::int64_t{settings.size});
  options.set("damaged", std::int64_t{settings.damaged});
  return write_synthetic_sen12ms(request, options);
}

// A synthetic SEN12MS in a fresh temporary folder.
class SynthRoot {
 public:
  explicit SynthRoot(const SynthSettings& settings = {}) : result_(write_synth(dir_.path(), settings)) {}
  const fs::path& path() const { return dir_.path(); }
  const SynthResult& result() const { return result_; }
  // The patches a list names, parsed.
  std::vector<PatchName> listed(const std::string& list) const {
    std::vector<PatchName> names;
    for (const std::string& line : lines(dir_.path() / list)) names.push_back(*parse_patch_name(line));
    return names;
  }

 private:
  test::TempDir dir_;
  SynthResult result_;
};

// Hand-written triplets in a fresh SEN12MS root, for exact values.
class HandRoot {
 public:
  static constexpr int kSize = 10;

  fs::path path() const { return dir_.path(); }

  // A triplet of kSize x kSize pixels in ROIs1158_spring scene `scene`: s2 band b (1-based) holds
  // b * 100 + pixel index, s1 holds `s1` (VV then VH, 2 x 100 values; empty: -10 dB), lc band 1
  // holds `lc` (100 values; empty: all class 10).
  PatchName add(const std::string& scene, const std::string& patch,
                std::vector<std::uint16_t> lc = {}, std::vector<float> s1 = {}) {
    const PatchName name{"ROIs1158_spring", scene, patch};
    const int pixels = kSize * kSize;
    std::vector<std::uint16_t> s2(static_cast<std::size_t>(pixels) * kS2Bands);
    for (int b = 0; b < kS2Bands; ++b)
      for (int i = 0; i < pixels; ++i) s2[static_cast<std::size_t>(b * pixels + i)] = static_cast<std::uint16_t>((b + 1) * 100 + i);
    if (s1.empty()) s1.assign(static_cast<std::size_t>(pixels) * kS1Bands, -10.0f);
    if (lc.empty()) lc.assign(static_cast<std::size_t>(pixels), 10);
    lc.resize(static_cast<std::size_t>(pixels) * kLcBands, 0);
    write(name, Modality::s2, s2, kS2Bands);
    write(name, Modality::s1, s1, kS1Bands);
    write(name, Modality::lc, lc, kLcBands);
    return name;
  }

  template <typename T>
  void write(const PatchName& name, Modality modality, const std::vector<T>& values, int bands,
             int size = kSize) {
    const fs::path file = name.file(dir_.path(), modality);
    fs::create_directories(file.parent_path());
    support::write_geotiff(file, values, size, size, bands,
                           {{0, 10, 0, 0, 0, -10}, support::kUtm33nWkt});
  }

  // Writes `list` (relative to the root) naming `names` as s2 file names.
  void list(const std::string& list, const std::vector<PatchName>& names) const {
    std::string text;
    for (const PatchName& name : names) text += name.id() + ".tif\n";
    write_text(dir_.path() / list, text);
  }

 private:
  test::TempDir dir_;
};

}  // namespace eorun::sen12ms::test_support
