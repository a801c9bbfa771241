# core.cmake — tests of the content loader and the command line (included by
# tests/CMakeLists.txt, which defines bl_unit_test and bl_script_test).

bl_unit_test(test_loader test_loader.c)
bl_unit_test(test_robust test_robust.c)
bl_unit_test(test_check_dir test_check_dir.c)
bl_unit_test(test_esc test_esc.c)
bl_unit_test(test_editdist test_editdist.c)
set_tests_properties(test_robust PROPERTIES TIMEOUT 300)
bl_script_test(test_cli cli/test_cli.sh)
bl_unit_test(test_layout_fields test_layout_fields.c)
bl_unit_test(test_content test_content.c)
