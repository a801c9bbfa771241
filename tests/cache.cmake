# cache.cmake — the content cache (issue 17): blocks, the file, its key,
# and damage of every kind; the fuzz target's saved inputs replayed.
bl_unit_test(test_cache test_cache.c)
target_include_directories(test_cache PRIVATE ${XXHASH_INCLUDE_DIR})
bl_unit_test(test_fuzz_regress_cache test_fuzz_regress.c ${PROJECT_SOURCE_DIR}/fuzz/fuzz_cache.c)
target_include_directories(test_fuzz_regress_cache PRIVATE ${PROJECT_SOURCE_DIR}/fuzz)
target_compile_definitions(test_fuzz_regress_cache PRIVATE
  BL_FUZZ_TARGET="cache"
  BL_FUZZ_REGRESS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fuzz_regress/cache")
bl_script_test(test_cache_cli cli/test_cache.sh)
# The guide keeps the index it built in the cache (a real terminal: tmux).
find_program(BL_TMUX tmux)
if(BL_TMUX)
  bl_script_test(e2e_cache e2e/cache.sh)
  set_tests_properties(e2e_cache PROPERTIES TIMEOUT 120 LABELS e2e)
  set_property(TEST e2e_cache APPEND PROPERTY ENVIRONMENT
               "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
endif()
