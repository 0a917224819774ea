#include "registry/query/student_t.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace eorun::query {

namespace {

// The continued fraction of the regularised incomplete beta function I_x(a, b), evaluated with
// the modified Lentz method; converges fast for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double epsilon = 1e-15;
  auto guard = [](double value) { return std::fabs(value) < tiny ? tiny : value; };
  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double result = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    // Even step.
    double term = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 / guard(1.0 + term * d);
    c = guard(1.0 + term / c);
    result *= d * c;
    // Odd step.
    term = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 / guard(1.0 + term * d);
    c = guard(1.0 + term / c);
    const double change = d * c;
    result *= change;
    if (std::fabs(change - 1.0) < epsilon) break;
  }
  return result;
}

// I_x(a, b), the regularised incomplete beta function, for 0 <= x <= 1.
double regularised_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(a, b, x) / a;
  return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double student_t_density(double t, double degrees) {
  const double log_density = std::lgamma((degrees + 1.0) / 2.0) - std::lgamma(degrees / 2.0) -
                             0.5 * std::log(degrees * M_PI) -
                             (degrees + 1.0) / 2.0 * std::log1p(t * t / degrees);
  return std::exp(log_density);
}

}  // namespace

double student_t_cdf(double t, double degrees) {
  if (!(degrees > 0.0)) throw std::invalid_argument("student_t_cdf: degrees must be > 0");
  const double tail = 0.5 * regularised_beta(degrees / 2.0, 0.5, degrees / (degrees + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double degrees) {
  if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("student_t_quantile: p must be in (0, 1)");
  if (!(degrees > 0.0)) throw std::invalid_argument("student_t_quantile: degrees must be > 0");
  if (p < 0.5) return -student_t_quantile(1.0 - p, degrees);
  if (p == 0.5) return 0.0;
  // Bracket, bisect to a small interval, then polish with Newton steps on the CDF.
  double low = 0.0;
  double high = 1.0;
  while (student_t_cdf(high, degrees) < p) high *= 2.0;
  for (int i = 0; i < 200 && high - low > 1e-9 * high; ++i) {
    const double mid = 0.5 * (low + high);
    (student_t_cdf(mid, degrees) < p ? low : high) = mid;
  }
  double t = 0.5 * (low + high);
  for (int i = 0; i < 4; ++i) {
    const double step = (student_t_cdf(t, degrees) - p) / student_t_density(t, degrees);
    if (!std::isfinite(step)) break;
    t -= step;
  }
  return t;
}

std::optional<double> ci95_half_width(std::size_t n, const std::optional<double>& stddev) {
  if (n < 2 || !stddev) return std::nullopt;
  const double count = static_cast<double>(n);
  return student_t_quantile(0.975, count - 1.0) * *stddev / std::sqrt(count);
}

}  // namespace eorun::query
