# The search engine (issue 4): the engine on the real content and a fixture,
# the `search` command's function, and the command through the real binary.
bl_unit_test(test_search test_search.c)
target_link_libraries(test_search PRIVATE PkgConfig::UTF8PROC)

bl_unit_test(test_search_cmd test_search_cmd.c ${PROJECT_SOURCE_DIR}/src/cli/cmd_search.c
             ${PROJECT_SOURCE_DIR}/src/cli/cli.c)
target_include_directories(test_search_cmd PRIVATE ${PROJECT_SOURCE_DIR}/src/cli)

bl_script_test(test_search_cli search_cli/test_search_cli.sh)
