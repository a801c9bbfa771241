# fish completion for borderless(1): commands, options, the ids after show,
# summary and compare (from `borderless list`, run as the command word itself with any
# -C DIR already typed), formats, themes, files and folders.  Installed as
# share/fish/vendor_completions.d/borderless.fish.

set -l commands check list show search summary export shortlist compare help

# The ids of the guide read by the program on the command line.
function __borderless_ids
    set -l tokens (commandline -opc)
    set -l prog $tokens[1]
    set -l copt
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case -C
                set -l j (math $i + 1)
                test $j -le (count $tokens); and set copt -C $tokens[$j]
            case '-C?*'
                set copt $tokens[$i]
        end
        set i (math $i + 1)
    end
    $prog $copt list 2>/dev/null | cut -f2
end

complete -c borderless -f
complete -c borderless -s C -r -a '(__fish_complete_directories)' -d 'Read content from DIR'
complete -c borderless -s h -l help -d 'Show the help and exit'
complete -c borderless -l version -d 'Show the version and exit'
complete -c borderless -l theme -x -a 'auto light dark mono' -d 'Colours of the guide'
complete -c borderless -l no-state -d 'A private session: no saved state'
complete -c borderless -l no-cache -d 'Load the content without the cache'

complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a check -d 'Validate the content'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a list -d 'List roles and sections'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a show -d 'Print a role or section'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a search -d 'Print the entries that match'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a summary -d 'Write a summary of a role'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a export -d 'Write a booklet of roles'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a shortlist -d 'Your shortlist of roles'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a compare -d 'Compare two or three roles'
complete -c borderless -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the help of a command'

complete -c borderless -n '__fish_seen_subcommand_from show summary' -a '(__borderless_ids)' -d 'Entry'
complete -c borderless -n '__fish_seen_subcommand_from shortlist; and not __fish_seen_subcommand_from list add rm note' -a 'list add rm note' -d 'Shortlist command'
complete -c borderless -n '__fish_seen_subcommand_from add rm note' -a '(__borderless_ids)' -d 'Role'
complete -c borderless -n '__fish_seen_subcommand_from show' -l width -x -d 'Wrap to N columns'
complete -c borderless -n '__fish_seen_subcommand_from summary' -s o -l output -r -F -d 'Write to FILE'
complete -c borderless -n '__fish_seen_subcommand_from summary' -s f -l format -x -a 'text markdown' -d 'Format'
complete -c borderless -n '__fish_seen_subcommand_from summary' -l force -d 'Replace an existing file'
complete -c borderless -n '__fish_seen_subcommand_from search' -l tsv -d 'Tab-separated values'
complete -c borderless -n '__fish_seen_subcommand_from export' -l scope -x -a 'all shortlist compare fit' -d 'What goes in'
complete -c borderless -n '__fish_seen_subcommand_from export' -l answers -r -F -d 'Fit answers from FILE'
complete -c borderless -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'Write to FILE'
complete -c borderless -n '__fish_seen_subcommand_from export' -s f -l format -x -a 'text markdown html' -d 'Format'
complete -c borderless -n '__fish_seen_subcommand_from export' -l force -d 'Replace an existing file'
complete -c borderless -n '__fish_seen_subcommand_from export; and __fish_contains_opt scope' -a '(__borderless_ids)' -d 'Role'
complete -c borderless -n '__fish_seen_subcommand_from help' -a "check list show search summary export shortlist compare" -d 'Command'
complete -c borderless -n '__fish_seen_subcommand_from compare' -a '(__borderless_ids)' -d 'Role'
complete -c borderless -n '__fish_seen_subcommand_from compare' -s d -l differences -d 'Only the rows that differ'
complete -c borderless -n '__fish_seen_subcommand_from compare' -s o -l output -r -F -d 'Write to FILE'
complete -c borderless -n '__fish_seen_subcommand_from compare' -s f -l format -x -a 'text markdown' -d 'Format'
complete -c borderless -n '__fish_seen_subcommand_from compare' -l width -x -d 'Lay out for N columns'
complete -c borderless -n '__fish_seen_subcommand_from compare' -l force -d 'Replace an existing file'
