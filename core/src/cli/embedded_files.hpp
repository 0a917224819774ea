// Files compiled into the binary (see cmake/EmbedFiles.cmake), e.g. the templates of
// `eorun new-plugin`, so an installed eorun needs no data folder.
#pragma once

#include <vector>

namespace eorun {

struct EmbeddedFile {
  const char* path;  // relative to the embedded folder, e.g. "model/plugin.cpp"
  const char* text;
};

// The templates of `eorun new-plugin` (core/src/cli/plugin_templates).
const std::vector<EmbeddedFile>& plugin_templates();

}  // namespace eorun
