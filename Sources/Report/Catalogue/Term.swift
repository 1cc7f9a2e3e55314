// The report's labels in English and Simplified Chinese.
//
// The Chinese terms are the field's, each found word for word in published Chinese DNS
// material (the project's glossary lists the quotes; the sources are repeated here so the
// catalogue carries them):
//   [BIND-zh]   Simplified-Chinese translation of the BIND 9.20 ARM, github.com/perlang/bv9arm-chinese
//               (commit a0872c4b), doc/arm/*.rst and doc/dnssec-guide/*.rst: 权威名字服务器, 区, 区传送,
//               主服务器/辅服务器, 序列号, 残缺授权, 跛服务器, 不一致, 一致性, DNSSEC验证失败, 签名已过期,
//               即将过期的签名, 信任链, 不支持EDNS, 胶水记录, 父区/子区, NXDOMAIN重定向, 服务器不可达, 超时
//   [Measures]  《中国互联网络域名管理办法》(信息产业部令第30号) 第三条: 域名注册管理机构, 域名注册服务机构, 顶级域名
//   [CNNIC]     CNNIC 2016《中国域名服务安全状况与态势分析报告》as reported by 新华网: 权威域名服务, 递归域名服务
//   [MIIT-plan] 工信部《公共互联网网络安全突发事件应急预案》(2017), 7.2 应急演练; 事件; 恢复
//   [MIIT-2014] 工信部保〔2014〕368号 二(一), as quoted in the project's design: 域名数据应急备份
//               (the guidance's own words; where a source-backed alternative is wanted: 容灾备份)
//   [Zabbix-zh] zabbix/zabbix ui/locale/zh_CN/LC_MESSAGES/frontend.po: 可用性, 严重性, 严重, 警告, 正常, 未知, 持续时间, 问题, 概览
//   [glibc-zh]  bminor/glibc po/zh_CN.po: 连接超时, 拒绝连接, 网络不可达
//   [Volc-CAT]  火山引擎 云拨测 alarm metrics, volcengine.com/docs/83571/1150780: 可用率, DNS 时延, 丢包率
//   [Aliyun]    help.aliyun.com (云解析 DNS, 云安全中心): 统计周期, 概览, 处理建议, 每秒查询次数/QPS, 解析成功率
//   [emqx]      emqx/emqx-dashboard-web src/i18n/Alerts.js: 开始时间, 告警级别
//   [skwkw]     http://1.skwkw.cn/?id=4440 (DNS 安全): 带宽, 处理能力
//   [Tencent]   tencentcloud.com/zh/document/product/248/65750 (云拨测): DNS 劫持
// Weakly sourced, used for want of better: 容量余量 (headroom: generic IT documents only).
// Composed from the terms above (no verbatim source): 序列号落后, 应急演练结果 and the
// recommended-action sentences of the message catalogue.

/// A label of the report, rendered per language.
public enum Term: String, CaseIterable, Sendable {
    case title, audience, period, generated, probeRuns, zones, zone, resolvers
    case summary, severity, problem, since, lastSeen, until, duration, status, ongoing, resolved, action, runsSeen
    case critical, warning, ok, unknown
    case noProblems, noData, none
    case availability, availabilityRate, udp, tcp, answeredRuns, server, address, authoritativeServer, resolver
    case latency, latencyMilliseconds, samples, median, p95, maximum, time
    case serialIncidents, serial, referenceSerial, behind, start, end
    case consistencyAndHijack, consistency, hijack, check, reason
    case dnssec, signatureExpiry, daysLeft, expiryWindow, signed, unsigned, dnssecIncidents, tightestHorizon
    case backup, lastGoodSnapshot, snapshot, snapshotSerial, age, usableUntil, records, method, partial, lastVerify, lastDrill, drillResult
    case passed, failed, drillSeconds, answersChecked, backupAge, hours, days
    case headroom, capacity, headroomRatio, baseline, bandwidthIn, bandwidthOut, limitedBy, verdict, lowerBound
    case chartLatency, chartAvailability, chartExpiry, chartBackupAge, chartNumbers

    /// The label in `language`.
    public func text(_ language: ReportLanguage) -> String {
        let pair = Self.table[self]!
        return language == .en ? pair.en : pair.zh
    }

    static let table: [Term: (en: String, zh: String)] = [
        .title: ("DNS resilience report", "DNS 监测报告"),
        .audience: ("For the domain registry administrators and the operators of the zones below",
                    "报送域名注册管理机构及下列区的运维单位"),  // [Measures] 域名注册管理机构
        .period: ("Report period", "统计周期"),  // [Aliyun]
        .generated: ("Generated", "生成时间"),
        .probeRuns: ("Probe runs", "监测次数"),
        .zones: ("Zones", "区"),  // [BIND-zh] 区
        .zone: ("Zone", "区"),
        .resolvers: ("Recursive resolvers", "递归解析器"),  // [BIND-zh], [CNNIC] 递归
        .summary: ("Summary", "概览"),  // [Aliyun], [Zabbix-zh]
        .severity: ("Severity", "严重性"),  // [Zabbix-zh]
        .problem: ("Problem", "问题"),  // [Zabbix-zh]
        .since: ("Since", "开始时间"),  // [emqx]
        .lastSeen: ("Last seen", "最近一次出现"),
        .until: ("until", "至"),
        .duration: ("Duration", "持续时间"),  // [Zabbix-zh]
        .status: ("Status", "状态"),
        .ongoing: ("ongoing", "仍存在"),
        .resolved: ("resolved", "已恢复"),  // [MIIT-plan] 恢复
        .action: ("Recommended action", "处理建议"),  // [Aliyun] 云安全中心 处理建议
        .runsSeen: ("Runs", "出现次数"),
        .critical: ("CRITICAL", "严重"),  // [Zabbix-zh] High → 严重
        .warning: ("WARNING", "警告"),  // [Zabbix-zh]
        .ok: ("OK", "正常"),  // [Zabbix-zh]
        .unknown: ("UNKNOWN", "未知"),  // [Zabbix-zh]
        .noProblems: ("No problems found in the period.", "统计周期内未发现问题。"),
        .noData: ("No data in the period.", "统计周期内无数据。"),
        .none: ("none", "无"),
        .availability: ("Availability", "可用性"),  // [Zabbix-zh]
        .availabilityRate: ("Availability (% of probe runs answered)", "可用率（应答的监测次数占比）"),  // [Volc-CAT] 可用率
        .udp: ("UDP", "UDP"),
        .tcp: ("TCP", "TCP"),
        .answeredRuns: ("answered / runs", "应答 / 监测次数"),
        .server: ("Server", "服务器"),
        .address: ("Address", "地址"),
        .authoritativeServer: ("Authoritative name server", "权威域名服务器"),  // Alibaba developer article; [CNNIC]
        .resolver: ("Resolver", "递归解析器"),
        .latency: ("Latency", "时延"),  // [Volc-CAT] DNS 时延
        .latencyMilliseconds: ("Latency (ms, SOA over UDP)", "时延（毫秒，UDP 查询 SOA）"),
        .samples: ("Samples", "样本数"),
        .median: ("Median", "中位数"),
        .p95: ("P95", "P95"),  // kept in Latin, as Chinese reports do
        .maximum: ("Max", "最大值"),
        .time: ("Time", "时间"),
        .serialIncidents: ("Serial-sync incidents", "序列号同步事件"),  // [BIND-zh] 序列号; [MIIT-plan] 事件
        .serial: ("Serial served", "所服务的序列号"),
        .referenceSerial: ("Newest serial", "最新序列号"),
        .behind: ("Behind by", "落后"),
        .start: ("Start", "开始时间"),  // [emqx]
        .end: ("End", "结束时间"),
        .consistencyAndHijack: ("Data consistency and hijacking", "数据一致性与 DNS 劫持"),  // [BIND-zh] 一致性; [Tencent] DNS 劫持
        .consistency: ("Data consistency", "数据一致性"),
        .hijack: ("DNS hijacking", "DNS 劫持"),
        .check: ("Check", "检查项"),
        .reason: ("Reason", "原因"),
        .dnssec: ("DNSSEC signatures", "DNSSEC 签名"),
        .signatureExpiry: ("Earliest signature expiry", "最早的签名过期时间"),  // [BIND-zh] 签名已过期
        .daysLeft: ("Days left", "剩余天数"),
        .expiryWindow: ("warning window", "预警窗口"),
        .signed: ("signed", "已签名"),
        .unsigned: ("unsigned", "未签名"),
        .dnssecIncidents: ("DNSSEC incidents", "DNSSEC 事件"),
        .tightestHorizon: ("Shortest horizon in the period", "统计周期内最短剩余时间"),
        .backup: ("Emergency backups of the domain data", "域名数据应急备份"),  // [MIIT-2014]
        .lastGoodSnapshot: ("Last good snapshot", "最近一次有效备份"),
        .snapshot: ("Snapshot", "备份"),
        .snapshotSerial: ("Serial", "序列号"),
        .age: ("Age", "距今"),
        .usableUntil: ("Usable until", "可用至"),
        .records: ("Records", "记录数"),
        .method: ("Method", "方式"),
        .partial: ("partial (harvest)", "部分（逐名查询）"),
        .lastVerify: ("Last verification", "最近一次验证"),  // [BIND-zh] 验证
        .lastDrill: ("Last drill", "最近一次应急演练"),  // [MIIT-plan] 应急演练
        .drillResult: ("Drill result", "演练结果"),
        .passed: ("passed", "通过"),
        .failed: ("failed", "失败"),
        .drillSeconds: ("start to serving", "启动至提供服务"),
        .answersChecked: ("answers equal to the snapshot", "与备份一致的应答"),
        .backupAge: ("Age of the last good snapshot (hours)", "最近一次有效备份距今（小时）"),
        .hours: ("h", "小时"),
        .days: ("days", "天"),
        .headroom: ("Capacity headroom", "容量余量"),  // weak: generic IT documents
        .capacity: ("Capacity (QPS)", "处理能力（每秒查询次数，QPS）"),  // [skwkw] 处理能力; Azure China 每秒查询次数
        .headroomRatio: ("Headroom (capacity / normal peak)", "容量余量（处理能力 / 日常峰值）"),
        .baseline: ("Normal peak (QPS)", "日常峰值（QPS）"),
        .bandwidthIn: ("Bandwidth in at capacity (Mbit/s)", "满负荷入向带宽（Mbit/s）"),  // [skwkw] 带宽
        .bandwidthOut: ("Bandwidth out at capacity (Mbit/s)", "满负荷出向带宽（Mbit/s）"),
        .limitedBy: ("Gives out first", "首先达到上限的是"),
        .verdict: ("Result", "结果"),
        .lowerBound: ("at least", "至少"),
        .chartLatency: ("Latency over time per server", "各服务器时延变化"),
        .chartAvailability: ("Availability per server", "各服务器可用率"),
        .chartExpiry: ("Signature-expiry timeline (days from the end of the period)", "签名过期时间线（自统计周期结束起的天数）"),
        .chartBackupAge: ("Backup age per zone", "各区备份距今时长"),
        .chartNumbers: ("The numbers of the chart", "图中数据"),
    ]
}
