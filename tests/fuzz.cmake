# fuzz.cmake — the fuzz targets' saved crash inputs replayed as tests
# (included by tests/CMakeLists.txt).  Each target's source is linked with
# a plain driver, so these run in every build, without clang.
set(BL_FUZZ_SEED_role "${PROJECT_SOURCE_DIR}/content/roles")
set(BL_FUZZ_SEED_sections "${PROJECT_SOURCE_DIR}/content")
foreach(t role sections search wrap)
  bl_unit_test(test_fuzz_regress_${t} test_fuzz_regress.c ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${t}.c)
  target_include_directories(test_fuzz_regress_${t} PRIVATE ${PROJECT_SOURCE_DIR}/fuzz)
  target_compile_definitions(test_fuzz_regress_${t} PRIVATE
    BL_FUZZ_TARGET="${t}"
    BL_FUZZ_REGRESS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fuzz_regress/${t}")
  if(BL_FUZZ_SEED_${t})
    target_compile_definitions(test_fuzz_regress_${t} PRIVATE
      BL_FUZZ_SEED_DIR="${BL_FUZZ_SEED_${t}}")
  endif()
endforeach()
