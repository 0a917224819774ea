#include "cli/args/predict_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_predict(CLI::App& command, PredictArgs& args) {
  command.add_option("run", args.run, "Run id or a unique prefix (at least 6 hex digits)")->required();
  command.add_option("scene", args.scene, "The scene: a multi-band GeoTIFF (or any raster GDAL reads)")
      ->required();
  command.add_option("--out,-o", args.out, "The folder to write classes.tif and scores.tif into")->required();
  command.add_option("--bands", args.bands,
                     "The scene's band names in its band order (B02,B03,...), or auto (the default): "
                     "the band descriptions")
      ->delimiter(',');
  command.add_option("--stride", args.stride,
                     "Input pixels between window centres; the output has one pixel per stride x stride "
                     "block (default: the model's window width)");
  command.add_option("--batch", args.batch, "Windows per forward pass (default 32)");
  command.add_option("--checkpoint", args.checkpoint,
                     "Which weights: best (the best epoch's, the default) or last (the last epoch's)")
      ->check(CLI::IsMember({"best", "last"}));
  command.add_flag("--all-scores", args.all_scores, "Write every class's score to scores.tif, one band each");
  command.add_option("--threads", args.threads, "LibTorch threads (default: one per core)");
  command.add_flag("--no-progress", args.no_progress, "Do not show the progress bar");
  command.footer(
      "Examples:\n"
      "  eorun predict 015899d9b17b T33UUP_20170613.tif --out map/\n"
      "  eorun predict 015899d9b17b scene.tif --out map/ --stride 60 --batch 64 --threads 8\n"
      "  eorun predict 015899 scene.tif --out map/ --bands B02,B03,B04,B08 --all-scores\n"
      "A window of the model's input size slides over the scene, centred on each stride x stride\n"
      "block (mirrored at the borders); the scene is read a strip of rows at a time and normalised\n"
      "with the run's recorded statistics. classes.tif (Byte: the winning class, or one 0/1 band\n"
      "per class for multi-label) and scores.tif (Float32) keep the scene's projection, with pixels\n"
      "stride times larger; they appear only when complete.");
}

}  // namespace eorun
