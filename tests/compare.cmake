# The comparison of two or three roles (issue 16): its rows and layouts,
# the `compare` command, and the guide's comparison view.
bl_unit_test(test_compare test_compare.c)
