// The CSV table: columns, labels joined by ';', split values, and what it refuses.
#include "folder_table.hpp"

#include <gtest/gtest.h>

#include "folder_test_support.hpp"

namespace eorun::folder {
namespace {

namespace fs = std::filesystem;
using test_support::error_of;
using test_support::write_text;

class Table : public ::testing::Test {
 protected:
  fs::path write(const std::string& text) {
    write_text(csv_, text);
    return csv_;
  }
  std::string error(const std::string& text) {
    write(text);
    return error_of([&] { read_folder_table(csv_); });
  }
  test::TempDir dir_;
  fs::path csv_ = dir_.path() / "data.csv";
};

TEST_F(Table, ReadsPathsLabelsSplitsAndGroups) {
  const FolderTable table =
      read_folder_table(write("group,path,label,split\n"
                              "s1,a.tif,forest,train\n"
                              "s1,sub/b.png, water ; forest ,validation\n"
                              "s2,/abs/c.jpg,,test\n"
                              "s2,d.tif,\"urban, dense\",val\n"));
  EXPECT_TRUE(table.has_split);
  EXPECT_TRUE(table.has_group);
  ASSERT_EQ(table.rows.size(), 4u);
  EXPECT_EQ(table.rows[0].path, "a.tif");
  EXPECT_EQ(table.rows[1].labels, (std::vector<std::string>{"water", "forest"}));
  EXPECT_EQ(table.rows[1].split, "val");
  EXPECT_EQ(table.rows[1].line, 3u);
  EXPECT_TRUE(table.rows[2].labels.empty());
  EXPECT_EQ(table.rows[3].labels, (std::vector<std::string>{"urban, dense"}));
  EXPECT_EQ(table.rows[3].group, "s2");
  EXPECT_EQ(table.file(table.rows[1]), dir_.path() / "sub" / "b.png");
  EXPECT_EQ(table.file(table.rows[2]), fs::path("/abs/c.jpg"));
}

TEST_F(Table, SplitAndGroupColumnsAreOptional) {
  const FolderTable table = read_folder_table(write("path,label\na.tif,forest\n"));
  EXPECT_FALSE(table.has_split);
  EXPECT_FALSE(table.has_group);
  EXPECT_EQ(table.rows[0].split, "");
}

TEST_F(Table, RefusesBadTablesNamingTheFileAndLine) {
  const std::string subject = "csv file '" + csv_.string() + "'";
  EXPECT_CONTAINS(error("file,class\na.tif,forest\n"),
                  subject + ": has no `path` and `label` columns (its header is 'file,class')");
  EXPECT_CONTAINS(error("path,label\n"), subject + ": lists no files");
  EXPECT_CONTAINS(error("path,label\na.tif,x\nb.tif,y\na.tif,z\n"),
                  subject + " line 4: 'a.tif' is already listed on line 2");
  EXPECT_CONTAINS(error("path,label\n ,x\n"), subject + " line 2: has no path");
  EXPECT_CONTAINS(error("path,label,split\na.tif,x,training\n"),
                  subject + " line 2: has split 'training'");
  EXPECT_CONTAINS(error("path,label\na.tif,x;y;x\n"), "line 2: names label 'x' twice");
  EXPECT_CONTAINS(error_of([&] { read_folder_table(dir_.path() / "none.csv"); }),
                  "csv file '" + (dir_.path() / "none.csv").string() + "': does not exist");
}

}  // namespace
}  // namespace eorun::folder
