# The SDK as a user meets it: install it to a fresh prefix, build tests/core/plugins/out_of_tree
# against that prefix with find_package(eorun), and check that the eorun binary lists the plugin.
#
# cmake -DEORUN_BUILD_DIR=... -DEORUN=... -DPROJECT_DIR=... -DWORK_DIR=... -DGENERATOR=...
#       [-DMAKE_PROGRAM=...] -DCXX_COMPILER=... [-DCXX_LAUNCHER=...] -DBUILD_TYPE=...
#       -P out_of_tree_test.cmake
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${step} failed (exit ${rc}):\n${ARGN}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

run("installing the SDK" ${CMAKE_COMMAND} --install ${EORUN_BUILD_DIR} --prefix ${prefix}
    --component sdk)
foreach(installed include/eorun/plugin.hpp)
  if(NOT EXISTS ${prefix}/${installed})
    message(FATAL_ERROR "the SDK install has no ${installed}")
  endif()
endforeach()

set(configure_args -S ${PROJECT_DIR} -B ${build} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CXX_LAUNCHER)
  list(APPEND configure_args -DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER})
endif()
run("configuring the out-of-tree plugin" ${CMAKE_COMMAND} ${configure_args})
file(READ ${build}/CMakeCache.txt cache)
string(FIND "${cache}" "eorun_DIR:PATH=${prefix}/" found)
if(found EQUAL -1)
  message(FATAL_ERROR "find_package(eorun) did not use the fresh install under ${prefix}")
endif()
run("building the out-of-tree plugin" ${CMAKE_COMMAND} --build ${build})
if(NOT EXISTS ${build}/mynet.so)
  message(FATAL_ERROR "the out-of-tree build made no ${build}/mynet.so")
endif()

run("listing plugins" ${EORUN} --plugin-path ${build} plugins --format json)
if(NOT run_output MATCHES "\"name\": *\"mynet\"")
  message(FATAL_ERROR "`eorun plugins --format json` does not list mynet:\n${run_output}")
endif()
string(FIND "${run_output}" "\"path\": \"${build}/mynet.so\"" found)
if(found EQUAL -1)
  message(FATAL_ERROR "`eorun plugins --format json` lists mynet from elsewhere:\n${run_output}")
endif()
message(STATUS "mynet, built out of tree against ${prefix}, is listed by eorun")
