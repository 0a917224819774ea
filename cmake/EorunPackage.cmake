# Installs and exports the SDK as a CMake package: find_package(eorun) + eorun_add_plugin().
#
# Everything a plugin needs is in the `sdk` install component, so
#   cmake --install build --prefix /opt/eorun --component sdk
# installs only the headers and the package files (the eorun binary and the plugins are in the
# default component). An out-of-tree project then does
#   find_package(eorun REQUIRED)   # with CMAKE_PREFIX_PATH=/opt/eorun
#   eorun_add_plugin(mynet KIND model SOURCES mynet.cpp)
include(CMakePackageConfigHelpers)

set(EORUN_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/eorun)

# eorun_sdk is exported as eorun::sdk (the one target a plugin links), eorun_sdk_headers as
# eorun::sdk_headers.
set_target_properties(eorun_sdk PROPERTIES EXPORT_NAME sdk)
set_target_properties(eorun_sdk_headers PROPERTIES EXPORT_NAME sdk_headers)
install(TARGETS eorun_sdk eorun_sdk_headers EXPORT eorunTargets COMPONENT sdk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/eorun
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  COMPONENT sdk
  FILES_MATCHING PATTERN "*.hpp")
install(EXPORT eorunTargets
  NAMESPACE eorun::
  DESTINATION ${EORUN_INSTALL_CMAKE_DIR}
  COMPONENT sdk)

# What the config checks a plugin project's LibTorch against (the loader refuses a plugin whose
# LibTorch major.minor differs from eorun's).
string(REGEX MATCH "^[0-9]+\\.[0-9]+" EORUN_TORCH_MAJOR_MINOR "${Torch_VERSION}")

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/eorunConfig.cmake.in
  ${PROJECT_BINARY_DIR}/eorunConfig.cmake
  INSTALL_DESTINATION ${EORUN_INSTALL_CMAKE_DIR})
# The plugin ABI is checked at load time (kAbiVersion); before 1.0 a minor release may change it.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/eorunConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/eorunConfig.cmake
    ${PROJECT_BINARY_DIR}/eorunConfigVersion.cmake
    ${CMAKE_CURRENT_LIST_DIR}/EorunAddPlugin.cmake
  DESTINATION ${EORUN_INSTALL_CMAKE_DIR}
  COMPONENT sdk)
