# eorun_embed_files(OUTPUT <file.cpp> FUNCTION <name> DIR <folder> [FILES <relative paths...>]
#                   [COMMENT <text>])
# Generates OUTPUT at build time with cmake/EmbedFiles.cmake: a C++ source defining
# `const std::vector<EmbeddedFile>& <FUNCTION>()` (util/embedded_files.hpp) that holds every file
# under DIR, or only FILES; regenerated when any of them changes.
function(eorun_embed_files)
  cmake_parse_arguments(EMBED "" "OUTPUT;FUNCTION;DIR;COMMENT" "FILES" ${ARGN})
  if(EMBED_FILES)
    set(inputs)
    foreach(file ${EMBED_FILES})
      list(APPEND inputs ${EMBED_DIR}/${file})
    endforeach()
    string(REPLACE ";" "\\;" files_argument "${EMBED_FILES}")
    set(files_option "-DFILES=${files_argument}")
  else()
    file(GLOB_RECURSE inputs CONFIGURE_DEPENDS ${EMBED_DIR}/*)
    set(files_option)
  endif()
  add_custom_command(OUTPUT ${EMBED_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DDIR=${EMBED_DIR} -DOUTPUT=${EMBED_OUTPUT} -DFUNCTION=${EMBED_FUNCTION}
            ${files_option} -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${inputs} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "${EMBED_COMMENT}")
endfunction()
