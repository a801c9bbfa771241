# The user's own files (issue 16): the shortlist and session stores, and
# the `shortlist` command through the real binary.  Every test uses private
# XDG_DATA_HOME / XDG_STATE_HOME folders.
bl_unit_test(test_userstate test_userstate.c)
bl_script_test(test_shortlist_cli cli/test_shortlist.sh)

# The shortlist reader's fuzz target (fuzz/fuzz_shortlist.c) replaying its
# saved inputs, as tests/fuzz.cmake does for the other targets.
bl_unit_test(test_fuzz_regress_shortlist test_fuzz_regress.c
             ${PROJECT_SOURCE_DIR}/fuzz/fuzz_shortlist.c)
target_include_directories(test_fuzz_regress_shortlist PRIVATE ${PROJECT_SOURCE_DIR}/fuzz)
target_compile_definitions(test_fuzz_regress_shortlist PRIVATE
  BL_FUZZ_TARGET="shortlist"
  BL_FUZZ_REGRESS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/fuzz_regress/shortlist")
