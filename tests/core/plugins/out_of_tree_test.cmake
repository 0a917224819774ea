# The SDK as a user meets it: install it to a fresh prefix, build tests/core/plugins/out_of_tree
# against that prefix with find_package(eorun), and check that the eorun binary lists the plugin.
#
# cmake -DEORUN_BUILD_DIR=... -DEORUN=... -DPROJECT_DIR=... -DWORK_DIR=... -DGENERATOR=...
#       [-DMAKE_PROGRAM=...] -DCXX_COMPILER=... [-DCXX_LAUNCHER=...] -DBUILD_TYPE=...
#       -P out_of_tree_test.cmake
include(${CMAKE_CURRENT_LIST_DIR}/sdk_project_support.cmake)

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

install_sdk(${prefix})
configure_and_build("the out-of-tree plugin" ${PROJECT_DIR} ${build} ${prefix})
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
