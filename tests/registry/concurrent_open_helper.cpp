// Test program for concurrent_open_test: opens the file-hash cache and the run registry of the
// folder given as its argument the way `eorun sweep` starts, and uses each once.
//
// It first reads stdin to its end: the test starts many copies on one pipe and closes the pipe's
// write end to release them all at the same instant. Exit 0 when everything worked; otherwise 1,
// with the error on stderr in eorun's own form.
#include <unistd.h>

#include <exception>
#include <filesystem>
#include <iostream>

#include "registry/registry.hpp"
#include "spec/file_hash_cache.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " FOLDER DATA_FILE  (after stdin closes)\n";
    return 2;
  }
  char byte = 0;
  while (::read(STDIN_FILENO, &byte, 1) > 0) {
  }
  try {
    const std::filesystem::path folder = argv[1];
    eorun::FileHashCache cache(folder / ".eorun-cache");  // in the order `eorun sweep` opens them
    eorun::Registry registry = eorun::Registry::open(folder / "eorun.db");
    registry.run_count();
    cache.digest({argv[2]}, 1);
  } catch (const std::exception& e) {
    std::cerr << "eorun: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
