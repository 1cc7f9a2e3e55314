#!/bin/bash

__dnsward_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__dnsward_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__dnsward_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__dnsward_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_dnsward() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __dnsward_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    probe|snapshot|verify|query|check-config|restore|headroom|drill|report|sweep|help)
        # Offer subcommand argument completions
        "_dnsward_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'probe snapshot verify query check-config restore headroom drill report sweep help' -- "${cur}"))
        ;;
    esac
}

_dnsward_probe() {
    repeating_flags=()
    non_repeating_flags=(--no-history --version -h --help)
    repeating_options=(--zone --resolver)
    non_repeating_options=(--config --format --root-hints --deadline --timeout --prometheus --history)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--zone')
        return
        ;;
    '--resolver')
        return
        ;;
    '--root-hints')
        return
        ;;
    '--deadline')
        return
        ;;
    '--timeout')
        return
        ;;
    '--prometheus')
        return
        ;;
    '--history')
        return
        ;;
    esac
}

_dnsward_snapshot() {
    repeating_flags=()
    non_repeating_flags=(--no-history --no-harvest --allow-harvest-over-axfr --no-chain-check --version -h --help)
    repeating_options=(--zone --server)
    non_repeating_options=(--config --format --history --zones-dir --root-hints --keep --keep-days --max-loss --keep-refused --tsig --max-transfer-records --max-transfer-bytes --max-transfer-seconds --prometheus)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--history')
        return
        ;;
    '--zone')
        return
        ;;
    '--zones-dir')
        return
        ;;
    '--server')
        return
        ;;
    '--root-hints')
        return
        ;;
    '--keep')
        return
        ;;
    '--keep-days')
        return
        ;;
    '--max-loss')
        return
        ;;
    '--keep-refused')
        return
        ;;
    '--tsig')
        return
        ;;
    '--max-transfer-records')
        return
        ;;
    '--max-transfer-bytes')
        return
        ;;
    '--max-transfer-seconds')
        return
        ;;
    '--prometheus')
        return
        ;;
    esac
}

_dnsward_verify() {
    repeating_flags=()
    non_repeating_flags=(--no-history --version -h --help)
    repeating_options=(--zone)
    non_repeating_options=(--config --format --history --zones-dir --window-days --prometheus)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--history')
        return
        ;;
    '--zone')
        return
        ;;
    '--zones-dir')
        return
        ;;
    '--window-days')
        return
        ;;
    '--prometheus')
        return
        ;;
    esac
}

_dnsward_query() {
    repeating_flags=()
    non_repeating_flags=(--tcp --dnssec --recurse --no-recurse --version -h --help)
    repeating_options=()
    non_repeating_options=(--timeout --retries --config --format)
    __dnsward_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--timeout')
        return
        ;;
    '--retries')
        return
        ;;
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_dnsward_check-config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --format)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_dnsward_restore() {
    repeating_flags=()
    non_repeating_flags=(--no-history --apply --undo --force --version -h --help)
    repeating_options=(--critical)
    non_repeating_options=(--config --format --history --zone --to --snapshot --mode --zones-dir --unbound-config --include-dir --resolver --authority --rndc-server --rndc-port --rndc-key)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--history')
        return
        ;;
    '--zone')
        return
        ;;
    '--to')
        __dnsward_add_completions -W 'unbound'$'\n''bind'$'\n''knot-resolver'
        return
        ;;
    '--snapshot')
        return
        ;;
    '--mode')
        __dnsward_add_completions -W 'override'$'\n''fallback'
        return
        ;;
    '--zones-dir')
        return
        ;;
    '--unbound-config')
        return
        ;;
    '--include-dir')
        return
        ;;
    '--resolver')
        return
        ;;
    '--authority')
        return
        ;;
    '--rndc-server')
        return
        ;;
    '--rndc-port')
        return
        ;;
    '--rndc-key')
        return
        ;;
    '--critical')
        return
        ;;
    esac
}

_dnsward_headroom() {
    repeating_flags=()
    non_repeating_flags=(--calibrate --tcp --gso --no-recurse --no-history --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --format --server --queries --zone --zones-dir --mode --max-qps --start-qps --duration --step-seconds --loss-threshold --p99-threshold --answer-timeout --baseline-qps --baseline-from --control-config --statistics --baseline-interval --link-mbps --sockets --prometheus --history)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--server')
        return
        ;;
    '--queries')
        return
        ;;
    '--zone')
        return
        ;;
    '--zones-dir')
        return
        ;;
    '--mode')
        __dnsward_add_completions -W 'steps'$'\n''ramp'
        return
        ;;
    '--max-qps')
        return
        ;;
    '--start-qps')
        return
        ;;
    '--duration')
        return
        ;;
    '--step-seconds')
        return
        ;;
    '--loss-threshold')
        return
        ;;
    '--p99-threshold')
        return
        ;;
    '--answer-timeout')
        return
        ;;
    '--baseline-qps')
        return
        ;;
    '--baseline-from')
        __dnsward_add_completions -W 'unbound'$'\n''nsd'$'\n''bind'$'\n''knot'
        return
        ;;
    '--control-config')
        return
        ;;
    '--statistics')
        return
        ;;
    '--baseline-interval')
        return
        ;;
    '--link-mbps')
        return
        ;;
    '--sockets')
        return
        ;;
    '--prometheus')
        return
        ;;
    '--history')
        return
        ;;
    esac
}

_dnsward_drill() {
    repeating_flags=()
    non_repeating_flags=(--no-history --version -h --help)
    repeating_options=(--zone --critical)
    non_repeating_options=(--config --format --history --zones-dir --trust-anchor --root-hints --start-timeout --prometheus)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--history')
        return
        ;;
    '--zone')
        return
        ;;
    '--zones-dir')
        return
        ;;
    '--trust-anchor')
        return
        ;;
    '--root-hints')
        return
        ;;
    '--start-timeout')
        return
        ;;
    '--critical')
        return
        ;;
    '--prometheus')
        return
        ;;
    esac
}

_dnsward_report() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--zone)
    non_repeating_options=(--config --history --since --format --lang --out --backup-max-age --drill-max-age --headroom-min)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--history')
        return
        ;;
    '--since')
        return
        ;;
    '--zone')
        return
        ;;
    '--format')
        __dnsward_add_completions -W 'html'$'\n''md'$'\n''json'
        return
        ;;
    '--lang')
        __dnsward_add_completions -W 'en'$'\n''zh'
        return
        ;;
    '--out')
        return
        ;;
    '--backup-max-age')
        return
        ;;
    '--drill-max-age')
        return
        ;;
    '--headroom-min')
        return
        ;;
    esac
}

_dnsward_sweep() {
    repeating_flags=()
    non_repeating_flags=(--census-only --version -h --help)
    repeating_options=(--parent)
    non_repeating_options=(--from-zone --zones --tld --history --database --resume --rate-per-server --workers --batch --lease --timeout --port --root-hints --prometheus --report --lang)
    __dnsward_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--from-zone')
        return
        ;;
    '--zones')
        return
        ;;
    '--tld')
        return
        ;;
    '--history')
        return
        ;;
    '--database')
        return
        ;;
    '--resume')
        return
        ;;
    '--rate-per-server')
        return
        ;;
    '--workers')
        return
        ;;
    '--batch')
        return
        ;;
    '--lease')
        return
        ;;
    '--timeout')
        return
        ;;
    '--port')
        return
        ;;
    '--parent')
        return
        ;;
    '--root-hints')
        return
        ;;
    '--prometheus')
        return
        ;;
    '--report')
        return
        ;;
    '--lang')
        __dnsward_add_completions -W 'en'$'\n''zh'
        return
        ;;
    esac
}

_dnsward_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __dnsward_offer_flags_options -1
}

complete -o filenames -F _dnsward dnsward
