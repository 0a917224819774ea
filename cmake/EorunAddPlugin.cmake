# eorun_add_plugin(<name> KIND model|dataset|loss SOURCES <src>... [LIBRARIES <lib>...]
#                  [OUTPUT_DIRECTORY <dir>] [NO_INSTALL])
#
# Builds an eorun plugin: a MODULE library named <name>.so (no "lib" prefix), hidden visibility,
# linked to the SDK. In the eorun build tree it lands in build/plugins/ where the binary finds it;
# out of tree it lands in the caller's binary folder (point EORUN_PLUGIN_PATH or --plugin-path at
# it). OUTPUT_DIRECTORY puts it elsewhere (test fixtures). `cmake --install` puts it in
# <prefix>/lib/eorun/plugins (the folder an installed eorun searches) unless NO_INSTALL is given.
function(eorun_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "KIND;OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_KIND MATCHES "^(model|dataset|loss)$")
    message(FATAL_ERROR "eorun_add_plugin(${name}): KIND must be model, dataset or loss, got '${ARG_KIND}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "eorun_add_plugin(${name}): SOURCES is empty")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON)
  if(TARGET eorun_sdk)  # inside the eorun build
    target_link_libraries(${name} PRIVATE eorun_sdk eorun_warnings ${ARG_LIBRARIES})
    set(output_dir ${EORUN_PLUGIN_OUTPUT_DIR})
  else()                # out of tree, after find_package(eorun)
    target_link_libraries(${name} PRIVATE eorun::sdk ${ARG_LIBRARIES})
    set(output_dir ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set(output_dir ${ARG_OUTPUT_DIRECTORY})
  endif()
  set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${output_dir})
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${EORUN_INSTALL_PLUGIN_DIR})
  endif()
endfunction()
