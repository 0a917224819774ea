#include "train/predictions_csv.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "util/text_table.hpp"

namespace eorun {


void write_predictions_csv(const std::filesystem::path& path,
                           const std::vector<std::string>& class_names,
                           const std::vector<std::string>& ids, const at::Tensor& scores,
                           const PredictionTruth& truth) {
  const auto rows = static_cast<std::int64_t>(ids.size());
  const auto columns = static_cast<std::int64_t>(class_names.size());
  if (scores.dim() != 2 || scores.size(0) != rows || scores.size(1) != columns)
    throw Error(path.string(), "the scores do not have one row per id and one column per class",
                "this is a bug in eorun; please report it");
  const at::Tensor values = scores.detach().to(at::kCPU, at::kFloat).contiguous();
  const float* data = values.data_ptr<float>();
  const auto truth_columns = static_cast<std::int64_t>(truth.columns.size());
  at::Tensor truth_values;
  if (truth_columns > 0) {
    truth_values = truth.values.to(at::kCPU, at::kLong).contiguous();
    if (truth_values.dim() != 2 || truth_values.size(0) != rows || truth_values.size(1) != truth_columns)
      throw Error(path.string(), "the truth does not have one row per id and one value per column",
                  "this is a bug in eorun; please report it");
  }
  const std::int64_t* truth_data = truth_columns > 0 ? truth_values.data_ptr<std::int64_t>() : nullptr;

  const std::filesystem::path temporary =
      path.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
      throw Error(temporary.string(), "cannot create the file",
                  "check the permissions of the output folder");
    out << "id";
    for (const std::string& name : class_names) out << ',' << csv_quote(name);
    for (const std::string& name : truth.columns) out << ',' << csv_quote(name);
    out << '\n';
    char number[32];
    for (std::int64_t i = 0; i < rows; ++i) {
      out << csv_quote(ids[static_cast<std::size_t>(i)]);
      for (std::int64_t k = 0; k < columns; ++k) {
        std::snprintf(number, sizeof number, ",%.9g", static_cast<double>(data[i * columns + k]));
        out << number;
      }
      for (std::int64_t k = 0; k < truth_columns; ++k) out << ',' << truth_data[i * truth_columns + k];
      out << '\n';
    }
    out.flush();
    if (!out)
      throw Error(temporary.string(), "cannot write the predictions", "check the free disk space");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw Error(path.string(), "cannot move the predictions into place: " + ec.message(),
                "check the permissions of the output folder");
  }
}

}  // namespace eorun
