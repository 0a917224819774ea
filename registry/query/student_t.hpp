// Student's t distribution, for confidence intervals of a mean over few runs (seeds).
#pragma once

#include <cstddef>
#include <optional>

namespace eorun::query {

// P(T <= t) for Student's t with `degrees` degrees of freedom (> 0).
double student_t_cdf(double t, double degrees);

// The t with P(T <= t) = p, for 0 < p < 1 and degrees > 0 (exact to ~1e-12 relative).
double student_t_quantile(double p, double degrees);

// Half the width of the two-sided 95% confidence interval of a mean from n values with sample
// standard deviation `stddev`: t(0.975, n - 1) * stddev / sqrt(n). nullopt when n < 2.
std::optional<double> ci95_half_width(std::size_t n, const std::optional<double>& stddev);

}  // namespace eorun::query
