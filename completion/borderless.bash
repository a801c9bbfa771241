# bash completion for borderless(1)                        -*- shell-script -*-
#
# Completes the options (anywhere on the line, as the program takes them),
# the commands, the ids after `show`, `summary` and `compare`, shortlist's
# subcommands and the ids after them, export's scopes (and the ids after
# --scope compare), each command's options,
# summary's formats after -f, themes after --theme, a file name after -o and
# a folder after -C.  Ids come from `borderless list` at completion time, run as the
# command word itself (so ./build/borderless completes from that binary) with
# any -C DIR already typed, and $BORDERLESS_CONTENT as the program reads it.
# Installed as share/bash-completion/completions/borderless.

# Prints the ids of the guide read by program $1 with the arguments after it.
_borderless_ids()
{
    local prog=$1
    shift
    [[ $prog == \~/* ]] && prog=$HOME/${prog#\~/}
    "$prog" "$@" list 2>/dev/null | cut -f2
}

# Prints the ids on the shortlist, as program $1 with those arguments sees it.
_borderless_shortlisted()
{
    local prog=$1
    shift
    [[ $prog == \~/* ]] && prog=$HOME/${prog#\~/}
    "$prog" "$@" shortlist 2>/dev/null | cut -f1
}

# Fills COMPREPLY with the file (or with -d, folder) names matching $cur.
_borderless_files()
{
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
        return
    fi
    compopt -o filenames 2>/dev/null
    if [[ ${1-} == -d ]]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

_borderless()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()

    # Options may come anywhere: find -C DIR and the command, skipping the
    # values of options that take one; after "--" every word is an argument.
    local -a copt=() args=()
    local i=1 w cmd='' ended='' scope=''
    while ((i < COMP_CWORD)); do
        w=${COMP_WORDS[i]}
        if [[ -z $ended ]]; then
            case $w in
            -C)
                ((i + 1 < COMP_CWORD)) && copt=(-C "${COMP_WORDS[i + 1]}")
                ((i += 2))
                continue
                ;;
            -C?*) copt=("$w") ;;
            --width | --theme | -o | --output | -f | --format | --answers)
                ((i += 2))
                continue
                ;;
            --scope)
                ((i + 1 < COMP_CWORD)) && scope=${COMP_WORDS[i + 1]}
                ((i += 2))
                continue
                ;;
            --scope=*) scope=${w#--scope=} ;;
            --) ended=1 ;;
            -*) ;;
            *)
                if [[ -z $cmd ]]; then cmd=$w; else args+=("$w"); fi
                ;;
            esac
        elif [[ -z $cmd ]]; then
            cmd=$w
        else
            args+=("$w")
        fi
        ((i++))
    done
    # A typed "~/dir" reaches the program unexpanded here: expand it.
    if ((${#copt[@]} == 2)) && [[ ${copt[1]} == \~/* ]]; then
        copt[1]=$HOME/${copt[1]#\~/}
    fi

    case $prev in
    -C)
        _borderless_files -d
        return 0
        ;;
    --theme)
        mapfile -t COMPREPLY < <(compgen -W 'light dark mono auto' -- "$cur")
        return 0
        ;;
    --width)
        return 0
        ;;
    esac

    if [[ -z $cmd ]]; then
        if [[ $cur == -* && -z $ended ]]; then
            mapfile -t COMPREPLY < <(compgen -W '-C -h --help --version --width --theme --no-state --no-cache' -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W 'check list show search summary export shortlist compare help' -- "$cur")
        fi
        return 0
    fi

    case $cmd in
    show)
        if [[ $cur == -* && -z $ended ]]; then
            mapfile -t COMPREPLY < <(compgen -W '-C -h --help --width' -- "$cur")
        elif ((${#args[@]} == 0)); then
            mapfile -t COMPREPLY < <(compgen -W "$(_borderless_ids "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        fi
        ;;
    search)
        [[ $cur == -* && -z $ended ]] &&
            mapfile -t COMPREPLY < <(compgen -W '-C -h --help --tsv --width' -- "$cur")
        ;;
    check | list)
        [[ $cur == -* && -z $ended ]] &&
            mapfile -t COMPREPLY < <(compgen -W '-C -h --help' -- "$cur")
        ;;
    help)
        ((${#args[@]} == 0)) &&
            mapfile -t COMPREPLY < <(compgen -W 'check list show search summary export shortlist compare help' -- "$cur")
        ;;
    shortlist)
        if ((${#args[@]} == 0)); then
            mapfile -t COMPREPLY < <(compgen -W 'list add rm note' -- "$cur")
        elif ((${#args[@]} == 1)) && [[ ${args[0]} == add || ${args[0]} == note ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$(_borderless_ids "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        elif ((${#args[@]} == 1)) && [[ ${args[0]} == rm ]]; then
            # The ids on the shortlist itself, which may include a role the
            # content no longer has.
            mapfile -t COMPREPLY < <(compgen -W "$(_borderless_shortlisted "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        fi
        ;;
    compare)
        case $prev in
        -o | --output)
            _borderless_files
            return 0
            ;;
        -f | --format)
            mapfile -t COMPREPLY < <(compgen -W 'text markdown' -- "$cur")
            return 0
            ;;
        esac
        if [[ $cur == -* && -z $ended ]]; then
            mapfile -t COMPREPLY < <(compgen -W '-d --differences -f --format --width -o --output --force -h --help' -- "$cur")
            return 0
        fi
        # Up to three role ids.
        ((${#args[@]} < 3)) &&
            mapfile -t COMPREPLY < <(compgen -W "$(_borderless_ids "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        ;;
    summary)
        case $prev in
        -o | --output)
            _borderless_files
            return 0
            ;;
        -f | --format)
            mapfile -t COMPREPLY < <(compgen -W 'text markdown' -- "$cur")
            return 0
            ;;
        esac
        if [[ $cur == -* && -z $ended ]]; then
            mapfile -t COMPREPLY < <(compgen -W '-o --output -f --format --force -h --help' -- "$cur")
            return 0
        fi
        # Role ids: several may be given (option values are skipped).
        mapfile -t COMPREPLY < <(compgen -W "$(_borderless_ids "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        ;;
    export)
        case $prev in
        -o | --output | --answers)
            _borderless_files
            return 0
            ;;
        -f | --format)
            mapfile -t COMPREPLY < <(compgen -W 'text markdown html' -- "$cur")
            return 0
            ;;
        --scope)
            mapfile -t COMPREPLY < <(compgen -W 'all shortlist compare fit' -- "$cur")
            return 0
            ;;
        esac
        if [[ $cur == -* && -z $ended ]]; then
            mapfile -t COMPREPLY < <(compgen -W '--scope --answers -o --output -f --format --force -h --help' -- "$cur")
        elif [[ $scope == compare ]] && ((${#args[@]} < 3)); then
            mapfile -t COMPREPLY < <(compgen -W "$(_borderless_ids "${COMP_WORDS[0]}" "${copt[@]}")" -- "$cur")
        fi
        ;;
    esac
    return 0
} &&
    complete -F _borderless borderless

# ex: filetype=sh
