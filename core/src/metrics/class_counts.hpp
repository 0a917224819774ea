// Precision, recall and F-beta of one set of confusion counts, as sklearn computes them with
// zero_division=0:
//   precision = tp / (tp + fp), 0 when tp + fp = 0
//   recall    = tp / (tp + fn), 0 when tp + fn = 0
//   F-beta    = (1 + b^2) P R / (b^2 P + R), 0 when b^2 P + R = 0
// so counts with no true and no predicted positive score 0 on all three.
#pragma once

namespace eorun {

struct ClassCounts {
  double tp = 0;
  double fp = 0;
  double fn = 0;

  double precision() const { return ratio(tp, tp + fp); }
  double recall() const { return ratio(tp, tp + fn); }
  double f_beta(double beta) const {
    const double b2 = beta * beta;
    const double p = precision();
    const double r = recall();
    return ratio((1 + b2) * p * r, b2 * p + r);
  }

  ClassCounts& operator+=(const ClassCounts& other) {
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    return *this;
  }

 private:
  static double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : 0.0;
  }
};

}  // namespace eorun
