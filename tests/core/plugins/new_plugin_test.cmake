# `eorun new-plugin` as a user meets it: for each kind, generate a project, build it out of tree
# against a fresh SDK install, and run its own tests. Those load the plugin through eorun's loader
# and use it: the model and the loss each train a run, the dataset writes its synthetic copy,
# reads it back and trains a run on it.
#
# cmake -DEORUN_BUILD_DIR=... -DEORUN=... -DWORK_DIR=... -DGENERATOR=... [-DMAKE_PROGRAM=...]
#       -DCXX_COMPILER=... [-DCXX_LAUNCHER=...] -DBUILD_TYPE=... -P new_plugin_test.cmake
include(${CMAKE_CURRENT_LIST_DIR}/sdk_project_support.cmake)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
install_sdk(${prefix})

foreach(kind model dataset loss)
  set(name my_${kind})
  set(project ${WORK_DIR}/${name})
  run("eorun new-plugin ${kind} ${name}" ${EORUN} new-plugin ${kind} ${name} --dir ${project})
  foreach(file CMakeLists.txt README.md ${name}.cpp ${name}_test.cpp run_eorun.hpp load_test.cpp)
    if(NOT EXISTS ${project}/${file})
      message(FATAL_ERROR "eorun new-plugin ${kind} wrote no ${file}:\n${run_output}")
    endif()
  endforeach()
  configure_and_build("the generated ${kind} plugin" ${project} ${project}/build ${prefix}
                      -DEORUN_EXECUTABLE=${EORUN})
  run("the generated ${kind} plugin's tests" ${CMAKE_COMMAND} -E env EORUN_PLUGIN_PATH=
      ${CMAKE_CTEST_COMMAND} --test-dir ${project}/build --output-on-failure)
  message(STATUS "${kind} plugin ${name}: generated, built, loaded and used\n${run_output}")
endforeach()
