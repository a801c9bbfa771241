# install.cmake — installation, the man page, the Debian package and bash
# completion (included by tests/CMakeLists.txt).

# The guide's key table, printed for the man page test.
add_executable(keymap_keys install/keymap_keys.c)
target_link_libraries(keymap_keys PRIVATE borderless_tui)

bl_script_test(install_prefix install/test_install.sh
               "${CMAKE_COMMAND}" "${PROJECT_BINARY_DIR}" "${PROJECT_VERSION}")
bl_script_test(install_manpage install/test_manpage.sh
               "${PROJECT_VERSION}" "$<TARGET_FILE:keymap_keys>")
bl_script_test(install_deb install/test_deb.sh
               "${CMAKE_CPACK_COMMAND}" "${PROJECT_BINARY_DIR}" "${PROJECT_VERSION}"
               "${BORDERLESS_PACKAGE_MAINTAINER}")
bl_script_test(install_completion install/test_completion.sh)
# Both install the build tree (and cmake --install rewrites its manifest).
set_tests_properties(install_prefix install_deb PROPERTIES RESOURCE_LOCK borderless_install)
set_tests_properties(install_deb PROPERTIES TIMEOUT 300)
bl_script_test(install_readme_keys install/test_readme_keys.sh "$<TARGET_FILE:keymap_keys>")
bl_script_test(install_completion_shells install/test_completion_shells.sh)
set_tests_properties(install_completion_shells PROPERTIES TIMEOUT 120)
