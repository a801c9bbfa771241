# The user's own files (issue 16): the shortlist and session stores, and
# the `shortlist` command through the real binary.  Every test uses private
# XDG_DATA_HOME / XDG_STATE_HOME folders.
bl_unit_test(test_userstate test_userstate.c)
bl_script_test(test_shortlist_cli cli/test_shortlist.sh)
