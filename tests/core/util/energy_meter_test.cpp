// The CPU energy meter on fake powercap trees, laid out like /sys/class/powercap: one folder per
// zone, subzones beside their package, counters that the tests move and wrap by hand.
#include "util/energy_meter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using namespace std::chrono_literals;

constexpr std::uint64_t kPackage0Range = 999'999;       // about 1 J
constexpr std::uint64_t kPackage1Range = 262'143'328'850;  // a real Intel range (about 262 kJ)
constexpr std::chrono::milliseconds kNoBackgroundSampling{0};

class FakePowercap {
 public:
  // Two packages; subzones of package 0 (core, dram); a psys zone; the MMIO copy of package 0;
  // and the control-type folder, which has no counter.
  FakePowercap() {
    zone("intel-rapl", "", 0, std::nullopt);
    zone("intel-rapl:0", "package-0", kPackage0Range, 1'000);
    zone("intel-rapl:0:0", "core", kPackage0Range, 500);
    zone("intel-rapl:0:1", "dram", kPackage0Range, 700);
    zone("intel-rapl:1", "package-1", kPackage1Range, 2'000);
    zone("intel-rapl:2", "psys", kPackage1Range, 9'000);
    zone("intel-rapl-mmio:0", "package-0", kPackage0Range, 1'000);
  }

  const std::filesystem::path& root() const { return dir_.path(); }

  void zone(const std::string& folder, const std::string& name, std::uint64_t range,
            std::optional<std::uint64_t> energy) {
    const std::filesystem::path dir = root() / folder;
    std::filesystem::create_directories(dir);
    if (!name.empty()) std::ofstream(dir / "name") << name << "\n";
    if (range > 0) std::ofstream(dir / "max_energy_range_uj") << range << "\n";
    if (energy) set(folder, *energy);
  }

  // Like the kernel's, a reading never sees half a write: the new file replaces the old one.
  void set(const std::string& folder, std::uint64_t energy_uj) {
    const std::filesystem::path file = root() / folder / "energy_uj";
    std::ofstream(file.string() + ".new") << energy_uj << "\n";
    std::filesystem::rename(file.string() + ".new", file);
  }

  // Moves every zone's counter, so a test sees that only the packages count.
  void move_everything_but_packages(std::uint64_t by) {
    set("intel-rapl:0:0", 500 + by);
    set("intel-rapl:0:1", 700 + by);
    set("intel-rapl:2", 9'000 + by);
    set("intel-rapl-mmio:0", 1'000 + by);
  }

 private:
  test::TempDir dir_;
};

TEST(CounterDelta, ARiseIsTheDifference) {
  EXPECT_EQ(counter_delta_uj(100, 150, 999), 50u);
  EXPECT_EQ(counter_delta_uj(7, 7, 999), 0u);
  EXPECT_EQ(counter_delta_uj(0, 999, 999), 999u);
}

TEST(CounterDelta, AFallMeansTheCounterWrappedOnce) {
  // 0 ... 999 are 1000 values: from 900, 99 steps reach 999, one more reaches 0, then 100.
  EXPECT_EQ(counter_delta_uj(900, 100, 999), 200u);
  EXPECT_EQ(counter_delta_uj(999, 0, 999), 1u);
  EXPECT_EQ(counter_delta_uj(1, 0, 999), 999u);
  EXPECT_EQ(counter_delta_uj(kPackage1Range, 5, kPackage1Range), 6u);
}

TEST(PackageDomains, AreTheTopLevelPackageZonesOnly) {
  FakePowercap tree;
  const std::vector<PowercapDomain> domains = package_domains(tree.root());
  ASSERT_EQ(domains.size(), 2u);
  EXPECT_EQ(domains[0].dir, tree.root() / "intel-rapl:0");
  EXPECT_EQ(domains[0].name, "package-0");
  EXPECT_EQ(domains[0].max_energy_range_uj, kPackage0Range);
  EXPECT_EQ(domains[1].dir, tree.root() / "intel-rapl:1");
  EXPECT_EQ(domains[1].name, "package-1");
  EXPECT_EQ(domains[1].max_energy_range_uj, kPackage1Range);
}

TEST(EnergyMeter, SumsThePackagesAndNothingElse) {
  FakePowercap tree;
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(kNoBackgroundSampling));
  EXPECT_EQ(meter.domains().size(), 2u);
  EXPECT_EQ(meter.sample(), 0.0) << "no counter moved";
  tree.set("intel-rapl:0", 1'000 + 300'000);
  tree.set("intel-rapl:1", 2'000 + 700'000);
  tree.move_everything_but_packages(50'000'000);
  EXPECT_DOUBLE_EQ(*meter.sample(), 1.0);  // 300 000 + 700 000 uJ
  tree.set("intel-rapl:1", 2'000 + 700'000 + 2'500'000);
  EXPECT_DOUBLE_EQ(*meter.stop(), 3.5);
}

TEST(EnergyMeter, AWrapBetweenTwoReadingsIsCounted) {
  FakePowercap tree;
  tree.set("intel-rapl:0", kPackage0Range - 999);  // 999 uJ before the top
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(kNoBackgroundSampling));
  tree.set("intel-rapl:0", 500);  // wrapped: 999 + 1 + 500 uJ
  EXPECT_DOUBLE_EQ(*meter.stop(), 1'500e-6);
}

TEST(EnergyMeter, SamplingBetweenWrapsCountsEveryOne) {
  FakePowercap tree;
  tree.set("intel-rapl:0", 100);
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(kNoBackgroundSampling));
  // Three whole turns of package 0's counter and a little more, each wrap seen by a sample: what
  // the background sampler does on a long run.
  tree.set("intel-rapl:0", 50);  // wrap 1: 999 999 - 100 + 1 + 50 = 999 950
  ASSERT_DOUBLE_EQ(*meter.sample(), 999'950e-6);
  tree.set("intel-rapl:0", 600'000);  // + 599 950
  ASSERT_DOUBLE_EQ(*meter.sample(), 1'599'900e-6);
  tree.set("intel-rapl:0", 40);  // wrap 2: + 999 999 - 600 000 + 1 + 40 = 400 040
  ASSERT_DOUBLE_EQ(*meter.sample(), 1'999'940e-6);
  tree.set("intel-rapl:0", 99);  // + 59
  tree.set("intel-rapl:1", 2'000 + 1'000'001);  // package 1 moved too
  EXPECT_DOUBLE_EQ(*meter.stop(), 3'000'000e-6);
  EXPECT_DOUBLE_EQ(*meter.stop(), 3'000'000e-6) << "stopped: the figure stays";
  tree.set("intel-rapl:0", 5'000);
  EXPECT_DOUBLE_EQ(*meter.sample(), 3'000'000e-6) << "stopped: no more readings";
}

TEST(EnergyMeter, WithoutAPackageDomainThereIsNoFigure) {
  test::TempDir empty;
  EnergyMeter none(empty.path());
  EXPECT_FALSE(none.start(kNoBackgroundSampling));
  EXPECT_EQ(none.sample(), std::nullopt);
  EXPECT_EQ(none.stop(), std::nullopt);

  EnergyMeter missing(empty.path() / "no-such-folder");
  EXPECT_FALSE(missing.start(kNoBackgroundSampling));
  EXPECT_EQ(missing.stop(), std::nullopt);

  FakePowercap psys_only;  // subzones, psys and MMIO zones are not packages
  std::filesystem::remove_all(psys_only.root() / "intel-rapl:0");
  std::filesystem::remove_all(psys_only.root() / "intel-rapl:1");
  EnergyMeter others(psys_only.root());
  EXPECT_FALSE(others.start(kNoBackgroundSampling));
  EXPECT_EQ(others.stop(), std::nullopt);
}

TEST(EnergyMeter, ADomainUnreadableAtTheStartGivesNoFigure) {
  FakePowercap tree;
  std::filesystem::remove(tree.root() / "intel-rapl:1" / "energy_uj");
  EnergyMeter meter(tree.root());
  EXPECT_FALSE(meter.start(kNoBackgroundSampling)) << "package 0 alone would be too low a figure";
  EXPECT_EQ(meter.stop(), std::nullopt);

  FakePowercap no_range;
  std::filesystem::remove(no_range.root() / "intel-rapl:0" / "max_energy_range_uj");
  EnergyMeter without_range(no_range.root());
  EXPECT_FALSE(without_range.start(kNoBackgroundSampling)) << "a wrap could not be undone";
}

TEST(EnergyMeter, AFileThatBecomesUnreadableEndsTheFigure) {
  FakePowercap tree;
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(kNoBackgroundSampling));
  tree.set("intel-rapl:1", 2'000 + 1'000);
  ASSERT_TRUE(meter.sample().has_value());
  std::filesystem::remove(tree.root() / "intel-rapl:1" / "energy_uj");
  EXPECT_EQ(meter.sample(), std::nullopt);
  tree.set("intel-rapl:1", 2'000 + 2'000);  // back, but an interval is missing: still no figure
  EXPECT_EQ(meter.sample(), std::nullopt);
  EXPECT_EQ(meter.stop(), std::nullopt);
}

TEST(EnergyMeter, ACounterThatIsNotANumberOrNotAFileEndsTheFigure) {
  FakePowercap garbled;
  EnergyMeter meter(garbled.root());
  ASSERT_TRUE(meter.start(kNoBackgroundSampling));
  std::ofstream(garbled.root() / "intel-rapl:0" / "energy_uj") << "12x\n";
  EXPECT_EQ(meter.stop(), std::nullopt);

  FakePowercap folder;  // a path that cannot be read as a file (root reads any file)
  EnergyMeter folder_meter(folder.root());
  ASSERT_TRUE(folder_meter.start(kNoBackgroundSampling));
  std::filesystem::remove(folder.root() / "intel-rapl:0" / "energy_uj");
  std::filesystem::create_directory(folder.root() / "intel-rapl:0" / "energy_uj");
  EXPECT_EQ(folder_meter.stop(), std::nullopt);

  FakePowercap beyond;  // a reading above the range cannot be a counter value
  EnergyMeter beyond_meter(beyond.root());
  ASSERT_TRUE(beyond_meter.start(kNoBackgroundSampling));
  beyond.set("intel-rapl:0", kPackage0Range + 1);
  EXPECT_EQ(beyond_meter.stop(), std::nullopt);
}

TEST(EnergyMeter, StoppingEndsTheBackgroundSamplingAtOnce) {
  FakePowercap tree;
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(std::chrono::hours(1)));
  tree.set("intel-rapl:0", 1'000 + 250'000);
  const auto begin = std::chrono::steady_clock::now();
  EXPECT_DOUBLE_EQ(*meter.stop(), 0.25);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 10s) << "stop() must not wait an interval";
}

TEST(EnergyMeter, BackgroundSamplesAndExplicitOnesAddUpOnce) {
  FakePowercap tree;
  EnergyMeter meter(tree.root());
  ASSERT_TRUE(meter.start(1ms));  // the sampler reads as often as it can, beside the test
  for (std::uint64_t step = 1; step <= 50; ++step) {
    tree.set("intel-rapl:1", 2'000 + step * 10'000);
    ASSERT_TRUE(meter.sample().has_value());
  }
  EXPECT_DOUBLE_EQ(*meter.stop(), 0.5);  // every microjoule once, however the reads interleave
}

// Sets or clears an environment variable for one test, and puts it back.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedVariable() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(PowercapRoot, IsTheSystemTreeUnlessTheEnvironmentNamesAnother) {
  {
    ScopedVariable unset("EORUN_POWERCAP_ROOT", nullptr);
    EXPECT_EQ(powercap_root(), "/sys/class/powercap");
  }
  {
    ScopedVariable empty("EORUN_POWERCAP_ROOT", "");
    EXPECT_EQ(powercap_root(), "/sys/class/powercap");
  }
  ScopedVariable fake("EORUN_POWERCAP_ROOT", "/tmp/fake-powercap");
  EXPECT_EQ(powercap_root(), "/tmp/fake-powercap");
}

}  // namespace
}  // namespace eorun
