// eorun new-plugin KIND NAME [--dir DIR]: a plugin project that builds out of tree against the
// installed SDK at once (CMakeLists.txt, the plugin source with its kind's interface filled in,
// a GoogleTest that loads it through eorun's loader and uses it, a README).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "util/embedded_files.hpp"
#include "eorun/error.hpp"
#include "plugins/plugin_name.hpp"

namespace eorun {

namespace {

namespace fs = std::filesystem;

// What differs between kinds beyond their own source and test templates.
struct KindTraits {
  const char* about;
  const char* find_packages;  // extra find_package lines of the project's CMakeLists.txt
  const char* libraries;      // extra libraries of eorun_add_plugin
};

const std::map<std::string, KindTraits>& kind_traits() {
  static const std::map<std::string, KindTraits> traits = {
      {"model", {"a small CNN (a convolution, global average pooling, a linear head).", "", ""}},
      {"dataset",
       {"GeoTIFFs listed in labels.csv (multi-label), with a synth hook that writes a synthetic "
        "copy of that layout.",
        "find_package(GDAL REQUIRED)  # the dataset reads and writes GeoTIFFs\n",
        " LIBRARIES GDAL::GDAL"}},
      {"loss",
       {"binary cross-entropy weighted per class by the train split's counts.", "", ""}},
  };
  return traits;
}

// "my_net" -> "MyNet": the C++ class name of the plugin's main type.
std::string class_name(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out = "Plugin" + out;
  return out;
}

std::string substituted(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values)
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

const char* template_text(const std::string& path) {
  for (const EmbeddedFile& file : plugin_templates())
    if (path == file.path) return file.text;
  throw Error("eorun new-plugin", "template '" + path + "' is missing from this eorun",
              "reinstall eorun");
}

void write_project(const NewPluginArgs& options) {
  const fs::path dir = fs::absolute(options.dir.empty() ? options.name : options.dir).lexically_normal();
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec)))
    throw Error(dir.string(), "already exists and is not an empty folder",
                "choose another --dir, or remove it");
  const KindTraits& traits = kind_traits().at(options.kind);
  const std::map<std::string, std::string> values = {
      {"@NAME@", options.name},       {"@CLASS@", class_name(options.name)},
      {"@KIND@", options.kind},       {"@SECTION@", options.kind},
      {"@ABOUT@", traits.about},      {"@FIND_PACKAGES@", traits.find_packages},
      {"@LIBRARIES@", traits.libraries}};
  const std::pair<std::string, std::string> files[] = {
      {"common/CMakeLists.txt", "CMakeLists.txt"},
      {"common/README.md", "README.md"},
      {"common/run_eorun.hpp", "run_eorun.hpp"},
      {"common/load_test.cpp", "load_test.cpp"},
      {options.kind + "/plugin.cpp", options.name + ".cpp"},
      {options.kind + "/test.cpp", options.name + "_test.cpp"},
  };
  // Written beside the final folder and renamed into place: never a half-written project.
  const fs::path partial =
      dir.parent_path() / ("." + dir.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(partial, ec);
  fs::create_directories(partial, ec);
  if (ec)
    throw Error(partial.string(), "cannot create the folder: " + ec.message(),
                "check that the parent folder exists and is writable");
  for (const auto& [from, to] : files) {
    std::ofstream out(partial / to, std::ios::binary);
    out << substituted(template_text(from), values);
    out.close();
    if (!out) {
      fs::remove_all(partial, ec);
      throw Error((partial / to).string(), "cannot be written", "check the free disk space");
    }
  }
  fs::remove(dir, ec);  // an empty folder given as --dir
  fs::rename(partial, dir, ec);
  if (ec) {
    fs::remove_all(partial, ec);
    throw Error(dir.string(), "cannot be created", "check that its parent folder is writable");
  }
  std::cout << "wrote the " << options.kind << " plugin project " << options.name << " to "
            << dir.string() << ":\n";
  for (const auto& [from, to] : files) std::cout << "  " << to << "\n";
  std::cout << "next:\n"
            << "  cmake -S " << dir.string() << " -B " << (dir / "build").string()
            << " -DCMAKE_PREFIX_PATH=<eorun prefix>\n"
            << "  cmake --build " << (dir / "build").string() << "\n"
            << "  ctest --test-dir " << (dir / "build").string() << " --output-on-failure\n"
            << "  eorun --plugin-path " << (dir / "build").string() << " plugins show "
            << options.name << "\n";
}

}  // namespace

void execute(const NewPluginArgs& options, AppContext&) {
  if (!is_valid_plugin_name(options.name))
    throw Error("plugin name '" + options.name + "'", "uses characters other than a-z, 0-9 and _",
                "choose a name such as my_net");
  write_project(options);
}

}  // namespace eorun
