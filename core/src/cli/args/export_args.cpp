#include "cli/args/export_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_export(CLI::App& command, ExportArgs& args) {
  command.add_option("run", args.run, "Run id or a unique prefix (at least 6 hex digits)")->required();
  command.add_option("--out,-o", args.out, "The file to write: FILE.safetensors or FILE.pt")->required();
  command.add_option("--checkpoint", args.checkpoint,
                     "Which weights: best (the best epoch's, the default) or last (the last epoch's)")
      ->check(CLI::IsMember({"best", "last"}));
  command.footer(
      "Examples:\n"
      "  eorun export 015899d9b17b --out resnet18-ms.safetensors\n"
      "  eorun export 015899d9b17b --out resnet18-ms.pt     (a state dict for torch.load)\n"
      "  eorun export 015899d9b17b --out last.safetensors --checkpoint last\n"
      "The run's weights under their torchvision names, checked against the recorded sha256 first.\n"
      "A .safetensors file also carries the run id, the model plugin, the band names, the class names\n"
      "and the normalisation statistics in its metadata. In Python:\n"
      "  model.load_state_dict(torch.load(\"resnet18-ms.pt\"))");
}

}  // namespace eorun
