// Files compiled into the binary (see cmake/EmbedFiles.cmake), e.g. the templates of
// `eorun new-plugin` and the report's page, so an installed eorun needs no data folder.
#pragma once

#include <vector>

namespace eorun {

struct EmbeddedFile {
  const char* path;  // relative to the embedded folder, e.g. "model/plugin.cpp"
  const char* text;
};

// The templates of `eorun new-plugin` (core/src/cli/plugin_templates).
const std::vector<EmbeddedFile>& plugin_templates();

// The page, script and styles of `eorun report` (core/src/report/assets).
const std::vector<EmbeddedFile>& report_assets();

// The charting library `eorun report` inlines: "echarts.min.js" (third_party/report-js).
const std::vector<EmbeddedFile>& chart_library_files();

}  // namespace eorun
