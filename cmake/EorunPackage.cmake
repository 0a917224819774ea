# Installs and exports the SDK as a CMake package: find_package(eorun) + eorun_add_plugin().
