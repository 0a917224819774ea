// The report page as text: every part inline, nothing from the data can end a script element
// early or become markup, and the charting library's pinned version is named.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "report/report_page.hpp"

namespace eorun::report {
namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

TEST(ReportPage, DataCannotCloseItsScriptOrBecomeMarkup) {
  const std::string hostile = "</script><script>alert(1)</script><b>";
  const std::string page = report_page({{"title", hostile}, {"runs", {{{"note", hostile}}}}});
  // Three script elements (data, library, report script) and nothing else closes one.
  EXPECT_EQ(count(page, "</script>"), 3u);
  EXPECT_EQ(count(page, "<script"), 3u);
  EXPECT_NE(page.find("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;</title>"),
            std::string::npos);
  EXPECT_NE(page.find("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"), std::string::npos);
}

TEST(ReportPage, EverythingIsInlineAndTheLibraryVersionIsNamed) {
  const std::string page = report_page({{"title", "t"}});
  const ChartLibrary library = chart_library();
  EXPECT_EQ(library.name, "Apache ECharts");
  EXPECT_NE(page.find("\"chart_library\":{\"license\":\"Apache-2.0\",\"name\":\"Apache ECharts\",\"version\":\"" +
                      library.version + "\"}"),
            std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos) << "the page may request nothing";
  EXPECT_EQ(page.find("<script src"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find("@@"), std::string::npos) << "every part of the template is filled";
  EXPECT_GT(page.size(), 500000u) << "the charting library is inline";
}

}  // namespace
}  // namespace eorun::report
