import Model

/// What to do about each reason, in plain words, in both languages. The Chinese sentences
/// are composed from the sourced terms of `Term` (the glossary's phrases for zone transfers,
/// signature renewal, glue, lame servers, TCP 53 and hijacking); none is a quotation.
enum ReportActions {
    /// Who or what a problem is about, for the sentences.
    struct Subject {
        var zone: String
        /// `ns2.example.org (192.0.2.2)`, or the zone when the problem is the zone's.
        var server: String
        var address: String
    }

    static func action(_ reason: Reason, _ p: FindingParameters, _ s: Subject, _ language: ReportLanguage) -> String? {
        guard let pair = pair(reason, p, s) else { return nil }
        return language == .en ? pair.0 : pair.1
    }

    private static let nothing = ("No action needed.", "无需处理。")

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func pair(_ reason: Reason, _ p: FindingParameters, _ s: Subject) -> (String, String)? {
        switch reason {
        case .notDelegated:
            ("Ask the registrar to delegate \(s.zone) (NS records in the parent zone), or stop monitoring it if it is retired.",
             "请联系注册商（域名注册服务机构）在父区添加 \(s.zone) 的授权（NS 记录）；如该区已停用，请停止对其监测。")
        case .delegationUnresolved:
            ("Check that the parent zones' servers answer and that the root hints are right, so the delegation can be followed.",
             "请检查各级父区的服务器是否正常应答、根提示（root hints）是否正确，以便跟踪授权链。")
        case .parentNoDelegation:
            ("Ask the operator of the parent zone why \(p.text("parent")) gives no delegation: all its servers must serve the same data.",
             "请联系父区运维方核查 \(p.text("parent")) 为何未给出授权：父区各服务器应提供一致的数据。")
        case .parentsDisagree:
            ("The parent's servers serve different delegations: ask the parent's operator to check the zone transfers between them.",
             "父区各服务器的授权不一致：请联系父区运维方检查其服务器之间的区传送。")
        case .childNSUnanswered:
            ("Make the zone's name servers load \(s.zone) and answer its apex NS query authoritatively.",
             "请确保该区的域名服务器加载 \(s.zone)，并权威地应答区顶点的 NS 查询。")
        case .nsSetMismatch:
            ("Make the NS set at the registrar (the parent zone) and in \(s.zone) itself the same.",
             "请使注册商处（父区）与 \(s.zone) 自身的 NS 记录集保持一致。")
        case .nsUnexpected:
            ("Update the delegation at the registrar, or the configuration's expected_ns, so that the two agree.",
             "请在注册商处更新授权，或修改配置中的 expected_ns，使两者一致。")
        case .glueMismatch:
            ("Ask the registrar to update the glue records of \(p.text("nameServer")) to the addresses the zone publishes.",
             "请联系注册商（域名注册服务机构）将 \(p.text("nameServer")) 的胶水记录更新为区内发布的地址。")
        case .noAddress:
            ("Give the zone's name servers addresses (A/AAAA records, and glue at the registrar).",
             "请为该区的域名服务器配置地址（A/AAAA 记录，并在注册商处设置胶水记录）。")
        case .udpTimeout:
            ("Check that \(s.server) runs and that UDP port 53 is open on every path to it: a silent server costs every resolver a timeout.",
             "请检查 \(s.server) 是否在运行，以及到达它的各条路径上 UDP 53 端口是否开放：无应答的服务器会使每个递归解析器等待超时。")
        case .udpRefused:
            ("Nothing listens on UDP port 53 at \(s.address): start the name server there, or remove the address from the delegation.",
             "\(s.address) 的 UDP 53 端口无服务监听：请在该地址上启动域名服务器，或将该地址从授权中移除。")
        case .udpUnreachable:
            ("\(s.address) cannot be reached: check the routing and firewalls towards it.",
             "\(s.address) 不可达：请检查到达该地址的路由和防火墙。")
        case .udpFailed:
            ("Check the name server at \(s.address) and its network path.", "请检查 \(s.address) 上的域名服务器及其网络路径。")
        case .udpTruncated:
            ("Make \(s.server) answer over UDP in full when the answer fits the size the client offers (check its EDNS "
                + "buffer size and any middlebox that truncates): a needless TC=1 sends every resolver to TCP.",
             "请使 \(s.server) 在应答未超过客户端所通告的大小时通过 UDP 完整应答（检查其 EDNS 缓冲区大小设置及会截断应答的中间设备）："
                + "不必要的截断（TC=1）会迫使每个递归解析器改用 TCP。")
        case .udpMismatchedAnswers:
            ("Find what sends \(s.address) answers that match no question (a broken server, load balancer or firewall) and "
                + "watch for spoofing attempts: resolvers that take such answers are open to cache poisoning.",
             "请排查向 \(s.address) 的查询返回不匹配应答的来源（故障的服务器、负载均衡器或防火墙），并留意伪造应答的企图："
                + "接受此类应答的递归解析器容易遭受缓存投毒。")
        case .tcpTimeout, .tcpRefused, .tcpReset, .tcpUnreachable, .tcpFailed:
            ("Make sure TCP port 53 also allows DNS traffic to \(s.server) (RFC 7766): large answers and DNSSEC need it.",
             "请确保 \(s.server) 的 TCP 端口 53 也允许 DNS 通信（RFC 7766）：较大的应答和 DNSSEC 都需要 TCP。")
        case .lameRefused, .lameServfail, .lameRcode, .lameReferral, .lameNoAA, .lameNoSOA:
            ("Make \(s.server) serve \(s.zone) (load it, or fix its zone transfer), or ask the registrar to remove it from the delegation.",
             "请使 \(s.server) 加载并提供 \(s.zone) 的数据（或修复其区传送），或请注册商将该跛服务器（残缺授权）从父区授权 NS 记录中移除。")
        case .serialLag, .serialLagUnknownDuration:
            ("Check zone transfers from the primary to \(s.server): NOTIFY, the transfer ACL or TSIG key, and the secondary's log.",
             "请检查辅服务器 \(s.server) 从主服务器的区传送（AXFR/IXFR）是否正常：NOTIFY、区传送访问控制或 TSIG 密钥，以及辅服务器日志。")
        case .latencyHigh:
            ("Find out why \(s.server) answers slowly (load, network path, distance); add servers nearer to the resolvers if needed.",
             "请排查 \(s.server) 应答缓慢的原因（负载、网络路径、距离），必要时在靠近递归解析器处增加服务器。")
        case .dataDiffersEqualSerials:
            ("The servers serve different data under one serial: find the server with the wrong copy, reload it from the primary, then raise the serial.",
             "各服务器在相同序列号下提供不同的数据：请找出数据有误的服务器，从主服务器重新加载，然后提高序列号。")
        case .dataDiffers:
            ("Let the zone transfers catch up; if the difference stays once the serials agree, check the primary's data.",
             "请等待区传送完成同步；若序列号一致后差异仍存在，请检查主服务器的数据。")
        case .diversityLow:
            ("Add name servers in other networks (other prefixes, other operators), as RFC 2182 asks.",
             "请在其他网络（不同前缀、不同运营方）增加域名服务器（RFC 2182）。")
        case .ednsDropped:
            ("Update or reconfigure \(s.server), or the firewall in front of it, so that queries with EDNS are answered: DNSSEC needs EDNS.",
             "请升级或重新配置 \(s.server)（或其前端防火墙），使其应答带 EDNS 的查询：DNSSEC 依赖 EDNS。")
        case .ednsNoncompliant:
            ("Update the name server software on \(s.server): it does not handle EDNS as RFC 6891 says.",
             "请升级 \(s.server) 的域名服务器软件：其 EDNS 处理不符合 RFC 6891。")
        case .unsigned:
            ("None required; consider signing \(s.zone) with DNSSEC.", "无需处理；建议对 \(s.zone) 进行 DNSSEC 签名。")
        case .dsNoKey:
            ("Publish the key the parent's DS points to, or ask the registrar to replace the DS with the current key's: until then validating resolvers fail the whole zone.",
             "请发布父区 DS 记录所指向的密钥，或请注册商将 DS 记录更换为当前密钥的 DS：在此之前，进行验证的递归解析器对整个区验证失败（信任链断裂）。")
        case .rrsigExpired:
            ("Re-sign \(s.zone) now and check the signer's schedule: validating resolvers already reject the zone.",
             "请立即对 \(s.zone) 重新签名并检查签名程序的计划任务：进行验证的递归解析器已拒绝该区。")
        case .rrsigInvalid:
            ("Re-sign \(s.zone) and reload every server with the signed copy; check that all servers serve the same keys.",
             "请对 \(s.zone) 重新签名，并用签名后的数据重新加载所有服务器；检查各服务器提供的密钥是否一致。")
        case .rrsigExpiring:
            ("Renew the DNSSEC signatures of \(s.zone) before they expire (check that the signer runs).",
             "请在签名过期前刷新（重新生成）\(s.zone) 的 DNSSEC 签名（检查签名程序是否正常运行）。")
        case .dnskeyDiffers:
            ("Let every server load the same signed zone (a key roll half done, or a stale secondary).",
             "请使所有服务器加载同一份签名后的区数据（可能是密钥轮换未完成或辅服务器数据过期）。")
        case .dnskeyMissing:
            ("Make every server serve the zone's DNSKEY and signatures, or have the registrar remove the DS if the zone is no longer signed.",
             "请使所有服务器提供该区的 DNSKEY 和签名；如该区已不再签名，请由注册商删除 DS 记录。")
        case .axfrOpen:
            ("Restrict zone transfers to the secondaries (an ACL or TSIG), unless the zone is public on purpose.",
             "请将区传送限制在辅服务器范围内（访问控制列表或 TSIG），除非有意公开区数据。")
        case .axfrRefused:
            ("None for security; for a full emergency backup, allow this host to transfer the zone (with TSIG).",
             "安全上无需处理；如需完整的域名数据应急备份，请允许本机（使用 TSIG）进行区传送。")
        case .axfrUnavailable:
            ("If backups need zone transfers, check TCP port 53 on the servers.", "如备份需要区传送，请检查服务器的 TCP 53 端口。")
        case .resolverUnreachable:
            ("Check that the resolver \(s.server) runs and that its clients reach it over UDP and TCP port 53.",
             "请检查递归解析器 \(s.server) 是否在运行，以及客户端能否通过 UDP 和 TCP 53 端口访问它。")
        case .resolverNoRecursion:
            ("Allow recursion for the resolver's clients (its access control).", "请为该递归解析器的客户端开启递归（访问控制配置）。")
        case .resolverRcode:
            ("Find out why the resolver fails the zone's SOA (its log: validation, reachability of the authorities).",
             "请排查递归解析器对该区 SOA 查询失败的原因（日志：DNSSEC 验证、权威服务器的可达性）。")
        case .resolverNoAnswer:
            ("Check the resolver \(s.server) and its path to the zone's authorities.", "请检查递归解析器 \(s.server) 及其到该区权威服务器的路径。")
        case .hijack, .resolverNodata, .resolverFalseNXDomain, .resolverDataForNXDomain, .resolverAnswerRcode, .resolverNotSubset, .resolverEmpty:
            ("Investigate \(s.server) for hijacking: compare its answer for \(p.text("name")) with the authorities', flush it from its cache, check its forwarders and local data; report it if the resolver is not yours.",
             "请排查递归解析器 \(s.server) 是否存在 DNS 劫持：将其对 \(p.text("name")) 的应答与权威服务器对比，清除相应缓存，检查其转发配置和本地数据；如该递归解析器非本单位所属，请向有关部门报告。")
        case .nxdomainRedirect:
            ("The resolver rewrites NXDOMAIN answers: switch the rewriting off, or tell its users.",
             "该递归解析器改写 NXDOMAIN 应答（NXDOMAIN重定向）：请关闭改写功能，或告知其用户。")
        case .notValidating, .canaryAccepted:
            ("Switch DNSSEC validation on in \(s.server) and give it the root trust anchor.",
             "请在递归解析器 \(s.server) 上开启 DNSSEC 验证并配置根信任锚。")
        case .fallbackSwitched, .fallbackActive:
            ("The zone is served from its emergency backup: bring the authorities back; the switch back happens by itself.",
             "该区正由域名数据应急备份提供服务：请尽快恢复权威服务器；恢复后将自动切回。")
        case .fallbackSwitchFailed:
            ("The backup could not be put into service while every authority was down: run dnsward restore by hand and read its error.",
             "所有权威服务器中断时备份未能投入服务：请手动运行 dnsward restore 并查看其错误信息。")
        case .fallbackUndoFailed:
            ("Take the backup out of service by hand (dnsward restore --undo): it hides the zone's updates.",
             "请手动撤出备份（dnsward restore --undo）：否则区数据的更新无法生效。")
        case .fallbackCounting:
            ("Every authority of \(s.zone) is silent: bring them back before the switch to the backup happens.",
             "\(s.zone) 的所有权威服务器均无应答：请在切换到备份之前恢复它们。")
        case .fallbackError:
            ("Fix the fallback configuration the message names.", "请修正消息中所指的故障切换配置。")
        case .deadlineZone, .deadlineResolvers:
            ("Raise the probe's --deadline or probe fewer zones per run: unfinished checks are UNKNOWN.",
             "请增大监测的 --deadline 或减少每次监测的区数量：未完成的检查记为未知。")
        case .historyFailed:
            ("Fix the history database the message names (permissions, disk space).", "请修复消息中所指的历史数据库（权限、磁盘空间）。")
        case .metricsFailed:
            ("Fix the metrics file's directory (permissions, disk space).", "请修复指标文件所在的目录（权限、磁盘空间）。")
        case .backupNone:
            ("Run dnsward snapshot for \(s.zone) and fix what stops it: allow AXFR from this host, or configure critical names for a harvest.",
             "请对 \(s.zone) 运行 dnsward snapshot 并排除障碍：允许本机进行区传送，或配置关键名称以便逐名查询。")
        case .backupStale:
            ("Check the hourly snapshot job (cron/dnsward-run snapshot) and its log.", "请检查每小时运行的备份任务（cron/dnsward-run snapshot）及其日志。")
        case .backupExpired:
            ("Take a new snapshot of \(s.zone) now: this copy can no longer be served.", "请立即对 \(s.zone) 重新备份：现有备份已无法使用。")
        case .backupExpiring:
            ("Take a new snapshot of the re-signed zone before then.", "请在此之前对重新签名后的区数据重新备份。")
        case .backupRefused:
            ("Read why, fix the source (a truncated or changed transfer), and snapshot again; the previous good copy stays in place.",
             "请查明原因并修复数据源（区传送被截断或数据被改动）后重新备份；此前的有效备份保持不变。")
        case .backupVerifyFailed:
            ("Take a new snapshot of \(s.zone); do not rely on this copy.", "请对 \(s.zone) 重新备份；不要依赖现有备份。")
        case .drillFailed:
            ("Fix what the drill found and drill again (dnsward drill --zone \(s.zone)): a backup that cannot be served is no backup.",
             "请排除演练发现的问题后重新演练（dnsward drill --zone \(s.zone)）：无法提供服务的备份不能算作备份。")
        case .drillOverdue:
            ("Run dnsward drill (weekly, from cron) to prove the backup of \(s.zone) can be served.",
             "请运行 dnsward drill（建议每周由 cron 运行），证明 \(s.zone) 的备份可以提供服务（加强应急预案演练）。")
        case .headroomLow:
            ("Add capacity or bandwidth to \(s.server) before the next flood: it holds less than \(p.text("minimum"))x its normal peak.",
             "请在下一次流量冲击之前为 \(s.server) 增加处理能力或带宽：其容量余量不足日常峰值的 \(p.text("minimum")) 倍。")
        case .headroomNone:
            ("Check \(s.server): it failed even the lowest test rate.", "请检查 \(s.server)：它在最低的测试速率下即已失败。")
        case .delegationOK, .udpOK, .tcpOK, .authorityOK, .serialOK, .latencyOK, .dataOK, .diversityOK, .ednsOK, .dnssecOK,
             .axfrOpenExpected, .resolverOK, .resolverCorrect, .nxdomainOK, .validatingOK, .canaryRefused, .fallbackUndone,
             .fallbackArmed:
            nothing
        default: nil
        }
    }
}
