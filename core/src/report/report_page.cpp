#include "report/report_page.hpp"

#include <cctype>
#include <stdexcept>
#include <utility>
#include <vector>
#include <string_view>

#include "util/embedded_files.hpp"

namespace eorun::report {

namespace {

std::string_view asset(const char* path) {
  for (const EmbeddedFile& file : report_assets())
    if (std::string_view(file.path) == path) return file.text;
  throw std::logic_error(std::string("report asset not embedded: ") + path);
}

std::string_view chart_library_source() {
  for (const EmbeddedFile& file : chart_library_files())
    if (std::string_view(file.path) == "echarts.min.js") return file.text;
  throw std::logic_error("the chart library is not embedded");
}

// JSON that can sit inside <script type="application/json">: '<' only occurs inside JSON strings,
// where \u003c means the same, so no "</script>" can end the element early.
std::string script_safe_json(const nlohmann::json& data) {
  const std::string text = data.dump();
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// Script text that can sit inside <script>: "</script" (any case) cannot occur in it.
std::string_view script_safe(std::string_view text, const char* what) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("</script") != std::string::npos)
    throw std::logic_error(std::string(what) + " holds </script and cannot be inlined");
  return text;
}

std::string html_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// `page` with each "@@NAME@@" marker of the template replaced by its part; parts are not searched
// for markers.
std::string fill(std::string_view page, const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t start = page.find("@@", at);
    if (start == std::string_view::npos) break;
    const std::size_t end = page.find("@@", start + 2);
    if (end == std::string_view::npos) break;
    const std::string_view name = page.substr(start + 2, end - start - 2);
    out.append(page.substr(at, start - at));
    bool found = false;
    for (const auto& [marker, text] : parts)
      if (marker == name) {
        out += text;
        found = true;
      }
    if (!found) throw std::logic_error("report template names an unknown part: " + std::string(name));
    at = end + 2;
  }
  out.append(page.substr(at));
  return out;
}

}  // namespace

ChartLibrary chart_library() {
  return {"Apache ECharts", EORUN_CHART_LIBRARY_VERSION, "Apache-2.0"};
}

std::string report_page(nlohmann::json data) {
  const ChartLibrary library = chart_library();
  data["chart_library"] = {{"name", library.name}, {"version", library.version}, {"license", library.license}};
  const std::string title = data.value("title", std::string("eorun report"));
  return fill(asset("report.html"),
              {{"TITLE", html_escaped(title)},
               {"STYLE", std::string(asset("report.css"))},
               {"DATA", script_safe_json(data)},
               {"LIBRARY", std::string(script_safe(chart_library_source(), "the chart library"))},
               {"SCRIPT", std::string(script_safe(asset("report.js"), "report.js"))}});
}

}  // namespace eorun::report
