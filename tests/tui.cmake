# tui.cmake — tests of the layout, the navigation state machine and the
# full-screen guide (included by tests/CMakeLists.txt).

bl_unit_test(test_layout test_layout.c tui_fixtures/fixture_guide.c)
# The application state (src/app): curses-free, so linked without curses.
add_executable(test_app test_app.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_app PRIVATE borderless_app PkgConfig::CMOCKA)
target_include_directories(test_app PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_app COMMAND test_app)
set_tests_properties(test_app PROPERTIES ENVIRONMENT "${BL_TEST_ENV}")
bl_unit_test(test_lineedit test_lineedit.c)
bl_unit_test(test_widthcheck test_widthcheck.c)

# End to end: the real binary in a private tmux server, for what needs a
# real terminal (signals, real key sequences, resizing, TERM and locale
# variants).  Browsing, links, help, search and saving are screen tests.
find_program(BL_TMUX tmux)
if(BL_TMUX)
  foreach(t resize quit terms save signals hangup terminal paste widths random_keys)
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

# Whole screens in-process: the real screen manager on an off-screen
# terminal (tests/screen/harness.h).
add_executable(test_screen test_screen.c screen/harness.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
# Whole expected screens: a 120x40 help screen is longer than C99's 4095.
target_compile_options(test_screen PRIVATE -Wno-overlength-strings)
add_test(NAME test_screen COMMAND test_screen)
set_tests_properties(test_screen PROPERTIES ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color"
                     LABELS screen)

# The menu by groups, quick facts and glossary links (tests/screen_groups).
add_executable(test_screen_groups test_screen_groups.c screen/harness.c tui_fixtures/fixture_guide.c)
target_link_libraries(test_screen_groups PRIVATE borderless_tui PkgConfig::CMOCKA)
target_include_directories(test_screen_groups PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME test_screen_groups COMMAND test_screen_groups)
set_tests_properties(test_screen_groups PROPERTIES ENVIRONMENT "${BL_TEST_ENV};TERM=xterm-256color"
                     LABELS screen)
