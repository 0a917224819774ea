// Student's t against SciPy (scipy.stats.t, run with Debian's /usr/bin/python3, which
// python3-sklearn brings SciPy to), and the confidence half-width built on it.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "registry/query/student_t.hpp"

namespace eorun::query {
namespace {

// Runs `script` with /usr/bin/python3 and returns what it printed.
std::string python_output(const std::string& script) {
  const std::string command = "/usr/bin/python3 -c '" + script + "'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return {};
  std::string out;
  char buffer[4096];
  while (std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, read);
  return out;
}

// SciPy's t.cdf is exact to ~1e-15 (the regularised incomplete beta); its t.ppf only to ~1e-9
// relative, so quantiles are checked against it loosely and exactly by the round trip through
// the CDF.
TEST(StudentT, AgreesWithScipyForEveryDegreeUpToTwoHundred) {
  const nlohmann::json reference = nlohmann::json::parse(python_output(
      "import json, scipy.stats as s\n"
      "ps = [0.6, 0.9, 0.95, 0.975, 0.995, 0.9995]\n"
      "ts = [-3.0, -0.2, 0.7, 1.5, 4.0, 30.0]\n"
      "print(json.dumps([[d, [[p, float(s.t.ppf(p, d))] for p in ps],"
      " [[t, float(s.t.cdf(t, d))] for t in ts]]"
      " for d in list(range(1, 201)) + [0.5, 2.5, 1000]]))"));
  ASSERT_EQ(reference.size(), 203u) << "SciPy gave no reference values";
  for (const auto& row : reference) {
    const double degrees = row[0];
    for (const auto& point : row[2])
      EXPECT_NEAR(student_t_cdf(point[0], degrees), point[1].get<double>(), 1e-12)
          << "t " << point[0] << ", " << degrees << " degrees";
    for (const auto& point : row[1]) {
      const double p = point[0];
      const double expected = point[1];
      const double t = student_t_quantile(p, degrees);
      EXPECT_NEAR(t, expected, 1e-7 * std::fabs(expected)) << "p " << p << ", " << degrees << " degrees";
      EXPECT_NEAR(student_t_cdf(t, degrees), p, 1e-13) << "p " << p << ", " << degrees << " degrees";
      EXPECT_DOUBLE_EQ(student_t_quantile(1.0 - p, degrees), -t);
    }
  }
}

TEST(StudentT, TheMiddleIsZeroAndBadArgumentsThrow) {
  EXPECT_EQ(student_t_quantile(0.5, 3.0), 0.0);
  EXPECT_DOUBLE_EQ(student_t_cdf(0.0, 7.0), 0.5);
  EXPECT_THROW(student_t_quantile(1.0, 3.0), std::invalid_argument);
  EXPECT_THROW(student_t_quantile(0.0, 3.0), std::invalid_argument);
  EXPECT_THROW(student_t_quantile(0.9, 0.0), std::invalid_argument);
}

TEST(StudentT, ConfidenceHalfWidthIsTTimesStandardError) {
  EXPECT_FALSE(ci95_half_width(1, 0.1).has_value());
  EXPECT_FALSE(ci95_half_width(3, std::nullopt).has_value());
  const double t = student_t_quantile(0.975, 2.0);
  EXPECT_NEAR(t, 0.95 / std::sqrt(2 * 0.975 * 0.025), 1e-14);  // closed form for 2 degrees
  EXPECT_DOUBLE_EQ(*ci95_half_width(3, 0.1), t * 0.1 / std::sqrt(3.0));
  EXPECT_EQ(*ci95_half_width(5, 0.0), 0.0);
}

}  // namespace
}  // namespace eorun::query
