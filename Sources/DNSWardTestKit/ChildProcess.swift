public import DNSCore

/// Tests start servers and the CLI the way dnsward starts tools: `Subprocess`.
public typealias ChildProcess = Subprocess
