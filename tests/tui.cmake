# tui.cmake — tests of the layout, the navigation state machine and the
# full-screen guide (included by tests/CMakeLists.txt).

bl_unit_test(test_layout test_layout.c tui_fixtures/fixture_guide.c)
bl_unit_test(test_nav test_nav.c tui_fixtures/fixture_guide.c)
bl_unit_test(test_lineedit test_lineedit.c)
bl_unit_test(test_widthcheck test_widthcheck.c)

# End to end: the real binary in a private tmux server.
find_program(BL_TMUX tmux)
if(BL_TMUX)
  foreach(t browse links help resize quit terms search save signals hangup terminal paste
          widths random_keys)
    bl_script_test(e2e_${t} e2e/${t}.sh)
    set_tests_properties(e2e_${t} PROPERTIES TIMEOUT 120 LABELS e2e)
    set_property(TEST e2e_${t} APPEND PROPERTY ENVIRONMENT
                 "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tui_fixtures/lsan.supp:fast_unwind_on_malloc=0")
  endforeach()
  # Two dozen guides started and killed; several hundred keys: slow under
  # the sanitizers.
  set_tests_properties(e2e_signals e2e_random_keys PROPERTIES TIMEOUT 240)
else()
  message(WARNING "tmux not found: the end-to-end tests of the full-screen guide are skipped")
endif()
