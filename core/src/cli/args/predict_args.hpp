// The options of `eorun predict RUN_ID SCENE --out DIR` (implementation: cli/predict_command.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct PredictArgs {
  std::string run;    // a run id or a unique prefix
  std::string scene;  // a multi-band raster (GeoTIFF)
  std::string out;    // the output folder
  std::vector<std::string> bands = {"auto"};  // the scene's band names in order, or auto
  std::optional<int> stride;                  // none: the model's window width
  int batch = 32;
  std::string checkpoint = "best";
  bool all_scores = false;
  int threads = 0;  // 0: one per core
  bool no_progress = false;
};

void declare_predict(CLI::App& command, PredictArgs& args);

}  // namespace eorun
