# What the SDK tests share: run a step or fail with its output, install the SDK to a fresh prefix,
# configure and build a plugin project against it. Expects EORUN_BUILD_DIR, GENERATOR, CXX_COMPILER,
# BUILD_TYPE and optionally MAKE_PROGRAM and CXX_LAUNCHER to be set.
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${step} failed (exit ${rc}):\n${ARGN}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(install_sdk prefix)
  run("installing the SDK" ${CMAKE_COMMAND} --install ${EORUN_BUILD_DIR} --prefix ${prefix}
      --component sdk)
  if(NOT EXISTS ${prefix}/include/eorun/plugin.hpp)
    message(FATAL_ERROR "the SDK install has no include/eorun/plugin.hpp")
  endif()
endfunction()

# Configures `project_dir` into `build_dir` against the SDK in `prefix` (extra cache arguments
# follow), checks that find_package(eorun) used that prefix, and builds it.
function(configure_and_build what project_dir build_dir prefix)
  set(args -S ${project_dir} -B ${build_dir} -G ${GENERATOR}
      -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} ${ARGN})
  if(MAKE_PROGRAM)
    list(APPEND args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
  endif()
  if(CXX_LAUNCHER)
    list(APPEND args -DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER})
  endif()
  run("configuring ${what}" ${CMAKE_COMMAND} ${args})
  file(READ ${build_dir}/CMakeCache.txt cache)
  string(FIND "${cache}" "eorun_DIR:PATH=${prefix}/" found)
  if(found EQUAL -1)
    message(FATAL_ERROR "find_package(eorun) did not use the fresh install under ${prefix}")
  endif()
  run("building ${what}" ${CMAKE_COMMAND} --build ${build_dir})
endfunction()
