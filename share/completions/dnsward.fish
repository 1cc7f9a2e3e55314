function __dnsward_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dnsward_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __dnsward_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __dnsward_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __dnsward_parse_tokens -S
    set -l unparsed_tokens (__dnsward_tokens -pc)
    switch $unparsed_tokens[1]
    case 'dnsward'
        __dnsward_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'probe'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'zone=+' 'resolver=+' 'root-hints=' 'deadline=' 'timeout=' 'prometheus=' 'history=' 'no-history' 'version' 'h/help'
        case 'snapshot'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'history=' 'no-history' 'zone=+' 'zones-dir=' 'server=+' 'root-hints=' 'keep=' 'keep-days=' 'max-loss=' 'no-harvest' 'allow-harvest-over-axfr' 'keep-refused=' 'tsig=' 'no-chain-check' 'max-transfer-records=' 'max-transfer-bytes=' 'max-transfer-seconds=' 'prometheus=' 'version' 'h/help'
        case 'verify'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'history=' 'no-history' 'zone=+' 'zones-dir=' 'window-days=' 'prometheus=' 'version' 'h/help'
        case 'query'
            __dnsward_parse_subcommand -r 1 'tcp' 'dnssec' 'recurse' 'no-recurse' 'timeout=' 'retries=' 'config=' 'format=' 'version' 'h/help'
        case 'check-config'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'version' 'h/help'
        case 'restore'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'history=' 'no-history' 'zone=' 'to=' 'snapshot=' 'mode=' 'apply' 'undo' 'force' 'zones-dir=' 'unbound-config=' 'include-dir=' 'resolver=' 'authority=' 'rndc-server=' 'rndc-port=' 'rndc-key=' 'critical=+' 'version' 'h/help'
        case 'headroom'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'server=' 'queries=' 'zone=' 'zones-dir=' 'mode=' 'calibrate' 'max-qps=' 'start-qps=' 'duration=' 'step-seconds=' 'loss-threshold=' 'p99-threshold=' 'answer-timeout=' 'baseline-qps=' 'baseline-from=' 'control-config=' 'statistics=' 'baseline-interval=' 'link-mbps=' 'tcp' 'sockets=' 'gso' 'no-recurse' 'prometheus=' 'history=' 'no-history' 'version' 'h/help'
        case 'drill'
            __dnsward_parse_subcommand 0 'config=' 'format=' 'history=' 'no-history' 'zone=+' 'zones-dir=' 'trust-anchor=' 'root-hints=' 'start-timeout=' 'critical=+' 'prometheus=' 'version' 'h/help'
        case 'report'
            __dnsward_parse_subcommand 0 'config=' 'history=' 'since=' 'zone=+' 'format=' 'lang=' 'out=' 'backup-max-age=' 'drill-max-age=' 'headroom-min=' 'version' 'h/help'
        case 'sweep'
            __dnsward_parse_subcommand 0 'from-zone=' 'zones=' 'tld=' 'history=' 'database=' 'resume=' 'rate-per-server=' 'workers=' 'batch=' 'lease=' 'timeout=' 'port=' 'parent=+' 'root-hints=' 'prometheus=' 'report=' 'lang=' 'census-only' 'version' 'h/help'
        case 'help'
            __dnsward_parse_subcommand -r 1 'version'
        end
    end
end

function __dnsward_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __dnsward_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __dnsward_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __dnsward_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__dnsward_tokens -p)
    if test -z "$(__dnsward_tokens -t)"
        set -l index (count (__dnsward_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'dnsward' -f
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'probe' -d 'Check authoritative and recursive servers (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'snapshot' -d 'Back up zones into verified zone files under zones/ (exit 0 all good, 1 a snapshot refused, 2 failed, 3 bad input, 4 TSIG failed).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'verify' -d 'Re-verify snapshots on disk (exit 0 every latest servable, 1 one expiring soon or partial in place of a full copy, 2 one not servable, 3 bad input).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'query' -d 'Ask one server one question, like dig.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'check-config' -d 'Validate a configuration file (exit 0 valid, 3 invalid).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'restore' -d 'Serve a zone\'s verified snapshot from a recursive resolver (Unbound, BIND, Knot Resolver).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'headroom' -d 'Measure a server\'s capacity, headroom over its normal peak, and bandwidth (exit 0 measured, 1 lower bound or below the baseline, 2 no capacity, 3 bad input, 130 interrupted).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'drill' -d 'Prove every backup can be served: a private Unbound per zone, no path to the authorities (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'report' -d 'Write the registry-administrator report from the history (HTML, Markdown or JSON; English or Chinese).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'sweep' -d 'Check every delegation of a TLD (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN or incomplete).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_positional "dnsward" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe"' -l 'zone' -d 'A zone to probe (repeatable); added to the configuration\'s zones.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe"' -l 'resolver' -d 'A recursive resolver to check (repeatable), ADDR[@PORT].' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" root-hints' -l 'root-hints' -d 'Root hints file (root.hints format); default: the IANA root servers.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" deadline' -l 'deadline' -d 'Seconds after which the run ends whatever happens; unfinished checks are UNKNOWN.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" timeout' -l 'timeout' -d 'Seconds to wait for each query attempt.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" prometheus' -l 'prometheus' -d 'Write Prometheus metrics (textfile collector format) to this file, atomically.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward probe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot"' -l 'zone' -d 'Zone to back up (repeatable); default: every zone in the configuration.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" zones-dir' -l 'zones-dir' -d 'Directory of the backups; default: the configuration\'s zones_dir, else zones.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot"' -l 'server' -d 'Take the zone from this server (repeatable), ADDR[@PORT]; default: its delegation.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" root-hints' -l 'root-hints' -d 'Root hints file; default: the configuration\'s, else the IANA root servers.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" keep' -l 'keep' -d 'Keep this many snapshots per zone (the newest good one is always kept).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" keep-days' -l 'keep-days' -d 'Also keep every snapshot younger than this many days.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" max-loss' -l 'max-loss' -d 'Refuse a snapshot that lost more than this share of the previous one\'s records.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" no-harvest' -l 'no-harvest' -d 'Never harvest: fail when no server allows a transfer.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" allow-harvest-over-axfr' -l 'allow-harvest-over-axfr' -d 'Let a harvest (a partial copy) replace a full transfer as latest; the full copy is kept.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" keep-refused' -l 'keep-refused' -d 'Keep this many refused copies per zone in <zone>/refused/ for inspection.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" tsig' -l 'tsig' -d 'TSIG key for the transfers, ALGORITHM:NAME:SECRET (RFC 8945); overrides the configuration\'s.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" no-chain-check' -l 'no-chain-check' -d 'Keep a copy whose parent DS could not be fetched, marked "chain not checked" (default: refuse it).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" max-transfer-records' -l 'max-transfer-records' -d 'Stop a transfer past this many records (default: 10 x the last good copy\'s, at least 10000).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" max-transfer-bytes' -l 'max-transfer-bytes' -d 'Stop a transfer past this many wire bytes (default: 10 x the last good copy\'s file, at least 16 MiB).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" max-transfer-seconds' -l 'max-transfer-seconds' -d 'Stop a transfer that takes longer, in seconds (default: 10 x the last good copy\'s, at least 60).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" prometheus' -l 'prometheus' -d 'Write Prometheus metrics of the zones\' backups (textfile collector format) to this file, atomically.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward snapshot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify"' -l 'zone' -d 'Zone to verify (repeatable); default: the configuration\'s zones, else every zone in the store.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" zones-dir' -l 'zones-dir' -d 'Directory of the backups; default: the configuration\'s zones_dir, else zones.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" window-days' -l 'window-days' -d 'Days before signature expiry that count as expiring.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" prometheus' -l 'prometheus' -d 'Write Prometheus metrics of the verdicts (textfile collector format) to this file, atomically.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" tcp' -l 'tcp' -d 'Query over TCP.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" dnssec' -l 'dnssec' -d 'Set the DO bit (request DNSSEC records).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" recurse' -l 'recurse' -d 'Set RD (recursion desired); --no-recurse for authoritative servers.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" no-recurse' -l 'no-recurse' -d 'Set RD (recursion desired); --no-recurse for authoritative servers.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" timeout' -l 'timeout' -d 'Seconds to wait for each attempt.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" retries' -l 'retries' -d 'Extra UDP attempts after a timeout.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward query" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward check-config" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward check-config" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward check-config" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward check-config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" zone' -l 'zone' -d 'The zone to restore.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" to' -l 'to' -d 'The resolver: unbound, bind or knot-resolver.' -rfka 'unbound bind knot-resolver'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" snapshot' -l 'snapshot' -d 'Snapshot ID (file name without .zone) or \'latest\'.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" mode' -l 'mode' -d 'override (serve now) or fallback (install switched off).' -rfka 'override fallback'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" apply' -l 'apply' -d 'Install, reload, verify; roll back on failure (Unbound; BIND through rndc addzone).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" undo' -l 'undo' -d 'Take the zone\'s backup out of service (Unbound; BIND through rndc delzone).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" force' -l 'force' -d 'Restore a snapshot that would be refused; reported loudly.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" zones-dir' -l 'zones-dir' -d 'The snapshot store; default: the configuration\'s zones_dir, else zones.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" unbound-config' -l 'unbound-config' -d 'Unbound\'s configuration file, for unbound-control and unbound-checkconf.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" include-dir' -l 'include-dir' -d 'Where the resolver includes fragments from (default: /etc/unbound/unbound.conf.d, /etc/bind, /etc/knot-resolver).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" resolver' -l 'resolver' -d 'The resolver to verify against after a switch, ADDR[@PORT].' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" authority' -l 'authority' -d 'Knot Resolver: the backup authority serving the snapshot, ADDR@PORT.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" rndc-server' -l 'rndc-server' -d 'BIND: rndc\'s server address (rndc -s).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" rndc-port' -l 'rndc-port' -d 'BIND: rndc\'s control port (rndc -p).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" rndc-key' -l 'rndc-key' -d 'BIND: rndc\'s key file (rndc -k).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore"' -l 'critical' -d 'NAME/TYPE the resolver must answer from the backup (repeatable; default: the apex SOA and NS, plus the configuration\'s critical names).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" server' -l 'server' -d 'The server to load, ADDR[@PORT] or [V6]:PORT.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" queries' -l 'queries' -d 'Query file in dnsperf format: \'name TYPE\' per line.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" zone' -l 'zone' -d 'Ask for the names of this zone: its latest snapshot in --zones-dir, else an AXFR from --server.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" zones-dir' -l 'zones-dir' -d 'Directory of the snapshots (for --zone).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" mode' -l 'mode' -d 'steps (hold each rate, then bisect the knee) or ramp (a linear ramp judged in short buckets).' -rfka 'steps ramp'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" calibrate' -l 'calibrate' -d 'Measure this host\'s own generator ceiling against a built-in null responder.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" max-qps' -l 'max-qps' -d 'Highest rate to offer, q/s (at most headroom.max_qps of the configuration, default 50,000).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" start-qps' -l 'start-qps' -d 'First step\'s rate, q/s (default max-qps/32).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" duration' -l 'duration' -d 'Seconds of load in all (at most 600; default 60).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" step-seconds' -l 'step-seconds' -d 'Seconds each rate is held (steps mode; default 5).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" loss-threshold' -l 'loss-threshold' -d 'Loss a passing step may have, e.g. 1% (default).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" p99-threshold' -l 'p99-threshold' -d 'p99 latency a passing step may have, in milliseconds (default 100).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" answer-timeout' -l 'answer-timeout' -d 'An answer later than this many milliseconds counts as lost (default 1000).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" baseline-qps' -l 'baseline-qps' -d 'The server\'s normal peak, q/s: headroom = capacity / this.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" baseline-from' -l 'baseline-from' -d 'Read the baseline from the server\'s counters: unbound, nsd, bind or knot.' -rfka 'unbound nsd bind knot'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" control-config' -l 'control-config' -d 'unbound-control / nsd-control / knotc configuration file (with --baseline-from).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" statistics' -l 'statistics' -d 'BIND statistics channel, ADDR@PORT (with --baseline-from bind; default 127.0.0.1@8053).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" baseline-interval' -l 'baseline-interval' -d 'Seconds between the two counter readings of the baseline (default 10).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" link-mbps' -l 'link-mbps' -d 'Link speed in Mbit/s: says whether the link or the server gives out first.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" tcp' -l 'tcp' -d 'Persistent pipelined TCP connections instead of UDP.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" sockets' -l 'sockets' -d 'UDP sockets (source ports) to spread the load over, or TCP connections (default 8 / 4).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" gso' -l 'gso' -d 'Send with UDP GSO where the kernel has it (falls back by itself).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" no-recurse' -l 'no-recurse' -d 'Queries without RD (default: RD set, as dnsperf sends).'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" prometheus' -l 'prometheus' -d 'Write Prometheus metrics (textfile collector format) to this file, atomically.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward headroom" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" config' -l 'config' -d 'Configuration file (YAML).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" no-history' -l 'no-history' -d 'Do not read or write history.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill"' -l 'zone' -d 'Zone to drill (repeatable); default: the configuration\'s zones, else every zone in the store.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" zones-dir' -l 'zones-dir' -d 'The snapshot store; default: the configuration\'s zones_dir, else zones.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" trust-anchor' -l 'trust-anchor' -d 'Trust anchor file (DS or DNSKEY lines) signed copies must validate from; default: the configuration\'s drill.trust_anchor.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" root-hints' -l 'root-hints' -d 'Root hints for the private resolver (it is kept from asking any server); default: the configuration\'s root_hints, else Unbound\'s own.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" start-timeout' -l 'start-timeout' -d 'Seconds the private resolver may take to give its first answer.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill"' -l 'critical' -d 'NAME/TYPE every drilled zone containing it must answer from its backup (repeatable), beside the configuration\'s critical names.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" prometheus' -l 'prometheus' -d 'Write Prometheus metrics (textfile collector format) to this file, atomically.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward drill" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" config' -l 'config' -d 'Configuration file (YAML): its history: is read.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" history' -l 'history' -d 'SQLite history database (default: the configuration\'s history, else $XDG_STATE_HOME/dnsward/history.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" since' -l 'since' -d 'The period: probe runs since this long ago (30m, 12h, 7d, 2w) or this date (2026-08-01).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report"' -l 'zone' -d 'Report on this zone only (repeatable); default: every zone in the history.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" format' -l 'format' -d 'html (one self-contained page), md (Markdown) or json (schema 1).' -rfka 'html md json'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" lang' -l 'lang' -d 'en (English) or zh (Simplified Chinese).' -rfka 'en zh'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" out' -l 'out' -d 'Where to write the report; - for standard output.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" backup-max-age' -l 'backup-max-age' -d 'A last good snapshot older than this is a warning.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" drill-max-age' -l 'drill-max-age' -d 'No drill for longer than this is a warning.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" headroom-min' -l 'headroom-min' -d 'Capacity below this multiple of the normal peak is a warning (below 1: critical).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" from-zone' -l 'from-zone' -d 'The TLD\'s zone file: every delegation in it is swept.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" zones' -l 'zones' -d 'A file of zone names, one a line, whose delegations are asked of the parent.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" tld' -l 'tld' -d 'The TLD (default: the zone file\'s apex).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" history' -l 'history' -d 'SQLite sweep store, a file of its own (default: $XDG_STATE_HOME/dnsward/sweep.sqlite).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" database' -l 'database' -d 'PostgreSQL connection URI (postgresql://...) of a store shared by many hosts.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" resume' -l 'resume' -d 'Continue (or join) sweep RUN instead of starting one.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" rate-per-server' -l 'rate-per-server' -d 'Questions a second to any one server address (default 200; 0: unlimited).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" workers' -l 'workers' -d 'Zones checked at once (default 512).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" batch' -l 'batch' -d 'Zones per claim and per committed batch (default 500).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" lease' -l 'lease' -d 'Seconds a claim holds its zones if this host dies (default 60; renewed while it works).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" timeout' -l 'timeout' -d 'Seconds to wait for each query attempt (default 1).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" port' -l 'port' -d 'Port of the servers (default 53).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep"' -l 'parent' -d 'With --zones: a server of the TLD to ask for the delegations, ADDR[@PORT] (repeatable; default: found from the root).' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" root-hints' -l 'root-hints' -d 'Root hints file (root.hints format), for NS names without glue; default: the IANA root servers.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" prometheus' -l 'prometheus' -d 'Write this host\'s Prometheus metrics (textfile collector format) here, atomically, after every batch.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" report' -l 'report' -d 'Write the census (per status, problem, operator and change since the last sweep) here: .md or .html.' -rfka ''
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" lang' -l 'lang' -d 'Language of --report: en or zh.' -rfka 'en zh'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" census-only' -l 'census-only' -d 'With --resume RUN: sweep nothing, only print the status line and write --report.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" version' -l 'version' -d 'Show the version.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward sweep" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'dnsward' -n '__dnsward_should_offer_completions_for_flags_or_options "dnsward help" version' -l 'version' -d 'Show the version.'
