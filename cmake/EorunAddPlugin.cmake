# eorun_add_plugin(<name> KIND model|dataset|loss SOURCES <src>... [LIBRARIES <lib>...])
#
# Builds an eorun plugin: a MODULE library named <name>.so (no "lib" prefix), hidden visibility,
# linked to the SDK. In the eorun build tree it lands in build/plugins/ where the binary finds it;
# out of tree it lands in the caller's binary folder (point EORUN_PLUGIN_PATH or --plugin-path at it).
function(eorun_add_plugin name)
  cmake_parse_arguments(ARG "" "KIND" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_KIND MATCHES "^(model|dataset|loss)$")
    message(FATAL_ERROR "eorun_add_plugin(${name}): KIND must be model, dataset or loss, got '${ARG_KIND}'")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "eorun_add_plugin(${name}): SOURCES is empty")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON)
  if(TARGET eorun_sdk)
    target_link_libraries(${name} PRIVATE eorun_sdk eorun_warnings ${ARG_LIBRARIES})
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${EORUN_PLUGIN_OUTPUT_DIR})
    install(TARGETS ${name} LIBRARY DESTINATION ${EORUN_INSTALL_PLUGIN_DIR})
  else()
    target_link_libraries(${name} PRIVATE eorun::sdk ${ARG_LIBRARIES})
  endif()
endfunction()
