import DNSCore

/// AUTH-AXFR: an open zone transfer exposes the whole zone; a refused one is fine, but
/// the backup then needs to harvest instead.
extension ZoneProbe {
    func judgeAXFR(_ observations: [AddressObservation]) -> [Finding] {
        var findings: [Finding] = []
        for observation in observations {
            switch observation.axfr {
            case .open(let records):
                findings.append(finding(.authAXFR, target.axfrExpected ? .ok : .warning,
                    target.axfrExpected ? "AXFR open to this vantage point, as configured (backups)"
                                        : "AXFR open to this vantage point: the whole zone is exposed (first message: \(records) records)",
                    server: observation.server, transport: .tcp))
            case .refused(let reason):
                findings.append(finding(.authAXFR, .ok, "AXFR refused (noted: a backup must harvest instead): \(reason)",
                                        server: observation.server, transport: .tcp))
            case .unavailable(let reason):
                findings.append(finding(.authAXFR, .ok, "AXFR not available: \(reason)", server: observation.server, transport: .tcp))
            case nil:
                break
            }
        }
        return findings
    }
}
