import Foundation
import Model

/// The Simplified Chinese rendering of every reason, from the same parameters as
/// `EnglishMessages` (the terms are those of `Term`'s sources). Technical evidence that
/// comes from the network (an error text, a record) is quoted as it is.
enum ChineseMessages {
    static func render(_ reason: Reason, _ p: FindingParameters) -> String? {
        switch reason {
        case .notDelegated: "该区未被授权：\(p.text("detail"))"
        case .delegationUnresolved: "无法跟踪授权链：\(p.text("error"))"
        case .parentNoDelegation: "父区服务器（\(p.text("parent"))）未给出授权：\(p.text("answer"))"
        case .parentsDisagree: "父区服务器之间不一致：此服务器授权给 \(p.text("names"))，另一台授权给 \(p.text("reference"))"
        case .childNSUnanswered: "该区的服务器均未权威地应答区顶点的 NS 查询"
        case .nsSetMismatch:
            "父区与子区的 NS 记录集不一致：仅父区有 [\(p.text("parentOnly"))]，仅子区有 [\(p.text("childOnly"))]"
        case .nsUnexpected: "授权为 \(p.text("delegation"))，而配置要求为 \(p.text("expected"))"
        case .glueMismatch: "\(p.text("nameServer")) 的胶水记录为 [\(p.text("glue"))]，而区内数据为 [\(p.text("authoritative"))]"
        case .delegationOK: "由 \(p.text("parent")) 授权给 \(p.text("nameServers"))；子区一致"

        case .noAddress: "该区的域名服务器均没有地址"
        case .udpTimeout: "UDP 查询超时" + detail(p, "error") + withoutEDNS(p)
        case .udpRefused: "UDP 查询被拒绝（ICMP 端口不可达）" + detail(p, "error") + withoutEDNS(p)
        case .udpUnreachable: "服务器不可达（UDP）" + detail(p, "error") + withoutEDNS(p)
        case .udpFailed: "UDP 查询失败" + detail(p, "error") + withoutEDNS(p)
        case .udpTruncated:
            "UDP 应答总是被截断（TC=1），而完整应答只有 \(p.integer("size")) 字节，未超过所通告的 "
                + "\(p.integer("offered")) 字节：每个客户端都必须改用 TCP 重新查询"
        case .udpMismatchedAnswers:
            "通过 UDP 应答，但此前先收到 \(p.integer("ignored")) 条与查询不匹配（ID 错误）的消息并已忽略："
                + "服务器或中间设备有故障，或有人抢先发送伪造应答（RFC 5452）"
        case .udpOK: "全部 \(p.integer("count")) 个地址均通过 UDP 应答"
        case .tcpTimeout: tcp(p, "连接超时")
        case .tcpRefused: tcp(p, "拒绝连接")
        case .tcpReset: tcp(p, "连接被重置")
        case .tcpUnreachable: tcp(p, "服务器不可达")
        case .tcpFailed: tcp(p, "TCP 查询失败")
        case .tcpOK: "全部 \(p.integer("count")) 个地址均通过 TCP 应答"

        case .lameRefused, .lameServfail, .lameRcode: "残缺授权（跛服务器）：应答为 \(p.text("rcode"))"
        case .lameReferral: "残缺授权（跛服务器）：以转介（referral）代替区数据应答"
        case .lameNoAA: "残缺授权（跛服务器）：应答未设置 AA 标志"
        case .lameNoSOA: "残缺授权（跛服务器）：应答中没有 \(p.text("zone")) 的 SOA 记录"
        case .authorityOK: "所有应答的地址均为权威服务器"

        case .serialLag:
            "序列号 \(p.text("serial")) 落后于 \(p.text("reference"))（相差 \(distance(p))），已持续 "
                + "\(minutes(p.seconds("lag"))) 分钟（容忍 \(minutes(p.seconds("tolerance"))) 分钟，"
                + "过期 \(minutes(p.seconds("expire"))) 分钟）" + age(p)
        case .serialLagUnknownDuration:
            "序列号 \(p.text("serial")) 落后于 \(p.text("reference"))（相差 \(distance(p))），持续时间未知（"
                + (p.flag("firstSighting") ? "首次见到 \(p.text("reference"))" : "无历史记录") + "）" + age(p)
        case .serialOK: "全部 \(p.integer("count")) 个权威地址的序列号均为 \(p.text("serial"))"

        case .latencyHigh:
            "SOA 查询时延 \(EnglishMessages.milliseconds(p.seconds("rtt")))（警告阈值 > "
                + "\(EnglishMessages.milliseconds(p.seconds("warning")))，严重阈值 > \(EnglishMessages.milliseconds(p.seconds("critical")))）"
        case .latencyOK: "最慢的 SOA 查询时延 \(EnglishMessages.milliseconds(p.seconds("rtt")))"

        case .dataDiffersEqualSerials:
            "\(p.text("name")) \(p.text("type")) 在序列号相同的服务器之间不一致：\(p.list("variants").joined(separator: " 对比 "))"
        case .dataDiffers: "\(p.text("name")) \(p.text("type")) 在服务器之间不一致：\(p.list("variants").joined(separator: " 对比 "))"
        case .dataOK: "\(p.integer("count")) 条关键记录在所有服务器上一致"

        case .diversityLow: p.list("problems").map { diversity($0, p) }.joined(separator: "；") + "（RFC 2182）"
        case .diversityOK: "\(p.integer("nameCount")) 个名称分布在不同网络的 \(p.integer("addressCount")) 个地址上"

        case .ednsDropped, .ednsNoncompliant: "EDNS合规性问题：" + p.list("problems").map(edns).joined(separator: "；")
        case .ednsOK: "所有应答的地址均正确处理 EDNS"

        case .unsigned: "未签名的授权（\(p.text("parent")) 处无 DS 记录）"
        case .dsNoKey: "DS记录不匹配：没有与父区 DS 记录匹配的 DNSKEY（密钥标签 \(p.text("keyTags"))）"
        case .rrsigExpired: "签名已过期：" + p.list("problems").joined(separator: "；")
        case .rrsigInvalid: "DNSSEC验证失败：" + p.list("problems").joined(separator: "；")
        case .rrsigExpiring: "签名即将过期：将于 \(p.text("expiry")) 过期，在 \(Int(p.seconds("window") / 86_400)) 天之内"
        case .dnskeyDiffers: "各服务器的 DNSKEY 记录集不一致：\(p.list("variants").joined(separator: " 对比 "))"
        case .dnskeyMissing: "父区有 DS 记录，但没有服务器返回 DNSKEY 及已签名的 SOA"
        case .dnssecOK: "所有服务器上的信任链均有效；最早的签名过期时间 \(p.has("expiry") ? p.text("expiry") : "未知")"

        case .axfrOpen: "本监测点可进行区传送（AXFR）：整个区的数据暴露在外（首条消息含 \(p.integer("records")) 条记录）"
        case .axfrOpenExpected: "本监测点可进行区传送（AXFR），与配置相符（用于备份）"
        case .axfrRefused: "区传送（AXFR）被拒绝（备份须改为逐名查询）：\(p.text("detail"))"
        case .axfrUnavailable: "无法进行区传送（AXFR）：\(p.text("detail"))"

        case .resolverUnreachable: "经 \(p.text("transport")) 查询 \(p.text("name")) SOA：递归解析器不可达（\(p.text("error"))）"
        case .resolverNoRecursion: "经 \(p.text("transport")) 查询 \(p.text("name")) SOA：应答未设置 RA（不提供递归）"
        case .resolverRcode: "经 \(p.text("transport")) 查询 \(p.text("name")) SOA：应答为 \(p.text("rcode"))"
        case .resolverOK: "通过 UDP 和 TCP 应答（\(p.has("rtt") ? EnglishMessages.milliseconds(p.seconds("rtt")) : "?")）"

        case .resolverNoAnswer: "\(subject(p))：无应答（\(p.text("error"))）"
        case .hijack: "\(subject(p))：递归解析器返回 [\(p.text("resolver"))]，而没有任何权威服务器提供该数据（疑似 DNS 劫持或缓存投毒）"
        case .resolverNodata:
            "\(subject(p))：递归解析器未返回 \(p.text("type")) 记录（NODATA），而所有权威服务器均提供 "
                + "\(p.list("authoritative").joined(separator: " | "))（疑似 DNS 劫持或过滤）"
        case .resolverFalseNXDomain: "\(subject(p))：递归解析器应答 NXDOMAIN，而权威服务器提供数据（疑似 DNS 劫持或缓存投毒）"
        case .resolverDataForNXDomain:
            "\(subject(p))：权威服务器应答 NXDOMAIN，递归解析器却返回 [\(p.text("resolver"))]（疑似 DNS 劫持或缓存投毒）"
        case .resolverAnswerRcode: "\(subject(p))：递归解析器应答 \(p.text("rcode"))（疑似 DNS 劫持或缓存投毒）"
        case .resolverNotSubset:
            "\(subject(p))：递归解析器返回 [\(p.text("resolver"))]，不在权威服务器所提供的数据之内（疑似 DNS 劫持或缓存投毒）"
        case .resolverEmpty: "\(subject(p))：应答为空（疑似 DNS 劫持或缓存投毒）"
        case .resolverCorrect: "所有关键记录均与权威服务器一致"

        case .nxdomainRedirect:
            "\(subject(p))：权威服务器应答 NXDOMAIN，递归解析器却应答 \(p.list("answer").joined(separator: "、"))（NXDOMAIN重定向）"
        case .nxdomainOK: "NXDOMAIN 被原样传递"

        case .notValidating: "\(p.text("name")) SOA 未经 DNSSEC 验证：\(p.text("detail"))"
        case .canaryAccepted: "签名损坏的探测名 \(p.text("canary")) 得到应答 \(p.text("answer"))：该递归解析器未进行 DNSSEC 验证"
        case .validatingOK: "\(p.text("name")) SOA 已通过验证（设置了 AD 标志）"
        case .canaryRefused: "签名损坏的探测名 \(p.text("canary")) 被拒绝（SERVFAIL）"

        case .fallbackSwitched:
            "连续 \(p.integer("consecutiveDown")) 次监测无权威服务器应答：备份 \(p.text("snapshot")) 已投入服务"
                + (p.has("seconds") ? String(format: "（用时 %.2f 秒）", p.seconds("seconds")) : "")
        case .fallbackSwitchFailed: "连续 \(p.integer("consecutiveDown")) 次监测无权威服务器应答，且备份未能投入服务：\(p.text("error"))"
        case .fallbackUndone: "权威服务器已连续 \(p.integer("consecutiveUp")) 次应答：备份 \(p.text("snapshot")) 已撤出服务"
        case .fallbackUndoFailed: "权威服务器已恢复应答，但备份未能撤出服务：\(p.text("error"))"
        case .fallbackActive:
            "自 \(p.has("since") ? p.text("since") : "?") 起由备份 \(p.text("snapshot")) 提供服务"
                + (p.flag("authoritiesAnswer") ? "（权威服务器已应答：\(p.integer("consecutiveUp"))/\(p.integer("afterRecoveries")) 次）" : "")
        case .fallbackCounting: "无权威服务器应答（切换前 \(p.integer("consecutiveDown"))/\(p.integer("afterFailures")) 次）"
        case .fallbackArmed: "权威服务器正常应答；备份处于待命状态"
        case .fallbackError: "故障切换：\(p.text("error"))"

        case .deadlineZone: "该区的检查完成之前已达到 \(Int(p.seconds("deadline"))) 秒的时限"
        case .deadlineResolvers: "递归解析器的检查完成之前已达到 \(Int(p.seconds("deadline"))) 秒的时限"
        case .historyFailed: "无法写入历史记录：\(p.text("error"))"
        case .metricsFailed: "无法将指标写入 \(p.text("path"))：\(p.text("error"))"
        default: nil
        }
    }

    private static func detail(_ p: FindingParameters, _ key: String) -> String {
        p.has(key) ? "（\(p.text(key))）" : ""
    }

    private static func withoutEDNS(_ p: FindingParameters) -> String {
        p.flag("answersWithoutEDNS") ? "（仅在不带 EDNS 时应答）" : ""
    }

    private static func tcp(_ p: FindingParameters, _ what: String) -> String {
        (p.flag("udpWorks") ? "TCP 失败而 UDP 正常（RFC 7766）：" : "TCP 无应答：") + what + detail(p, "error") + withoutEDNS(p)
    }

    private static func subject(_ p: FindingParameters) -> String {
        "\(p.text("name")) \(p.text("type"))"
    }

    private static func minutes(_ seconds: Double) -> Int { Int(seconds / 60) }

    private static func distance(_ p: FindingParameters) -> String {
        p.has("distance") ? p.text("distance") : "无法比较"
    }

    private static func age(_ p: FindingParameters) -> String {
        guard p.has("serialAge") else { return "" }
        return "；序列号 \(p.text("serial")) 看起来已有 \(Int(p.seconds("serialAge") / 86_400)) 天（YYYYMMDDnn）"
    }

    private static func diversity(_ code: String, _ p: FindingParameters) -> String {
        switch code {
        case "one-name": "仅有 \(p.integer("nameCount")) 个域名服务器名称"
        case "one-address": "仅有 \(p.integer("addressCount")) 个不同的地址"
        case "one-ipv4-prefix": "所有 IPv4 地址位于同一个 /\(p.integer("ipv4Prefix"))"
        case "one-ipv6-prefix": "所有 IPv6 地址位于同一个 /\(p.integer("ipv6Prefix"))"
        default: code
        }
    }

    private static func edns(_ problem: String) -> String {
        let parts = problem.split(separator: ":", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch parts.first ?? "" {
        case "no-opt": return "对 EDNS 查询的应答中没有 OPT 记录"
        case "version1-rcode": return "EDNS 版本 1 的查询得到 \(argument)，而非 BADVERS"
        case "version1-version": return "EDNS 版本 1 的应答未携带版本 0"
        case "option-echoed": return "未知的 EDNS 选项被回显"
        case "option-rcode": return "带未知 EDNS 选项的查询得到 \(argument)"
        case "flag-kept": return "未知的 EDNS 标志未被清除"
        case "flag-rcode": return "带未知 EDNS 标志的查询得到 \(argument)"
        case "do-not-echoed": return "DO 位未被回显"
        case "no-answer": return argument
        case "drops-edns": return "丢弃带 EDNS（OPT 记录）的查询，却应答不带 EDNS 的查询（不支持EDNS，RFC 6891 §7）"
        default: return problem
        }
    }
}
