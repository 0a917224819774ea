// A shared library opened at run time (dlopen) for the few functions eorun takes from a driver
// library it does not link against; closed when the object goes.
//
//   DynamicLibrary cuda("libcuda.so.1");
//   if (auto init = cuda.function<int (*)(unsigned)>("cuInit")) init(0);
#pragma once

#include <dlfcn.h>

namespace eorun {

class DynamicLibrary {
 public:
  explicit DynamicLibrary(const char* path) : handle_(::dlopen(path, RTLD_NOW | RTLD_LOCAL)) {}
  ~DynamicLibrary() {
    if (handle_ != nullptr) ::dlclose(handle_);
  }
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  bool is_open() const { return handle_ != nullptr; }

  // The function `name` as a `Function` pointer; nullptr when the library or the symbol is missing.
  template <typename Function>
  Function function(const char* name) const {
    if (handle_ == nullptr) return nullptr;
    // POSIX: object and function pointers convert both ways.
    return reinterpret_cast<Function>(::dlsym(handle_, name));
  }

 private:
  void* handle_;
};

}  // namespace eorun
