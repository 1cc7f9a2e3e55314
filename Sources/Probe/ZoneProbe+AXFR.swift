import DNSCore
import Model

/// AUTH-AXFR: an open zone transfer exposes the whole zone; a refused one is fine, but
/// the backup then needs to harvest instead.
extension ZoneProbe {
    func judgeAXFR(_ observations: [AddressObservation]) -> [Finding] {
        var findings: [Finding] = []
        for observation in observations {
            switch observation.axfr {
            case .open(let records):
                findings.append(target.axfrExpected
                    ? finding(.authAXFR, .ok, .axfrOpenExpected, ["records": .integer(records)], server: observation.server, transport: .tcp)
                    : finding(.authAXFR, .warning, .axfrOpen, ["records": .integer(records)], server: observation.server, transport: .tcp))
            case .refused(let reason):
                findings.append(finding(.authAXFR, .ok, .axfrRefused, ["detail": .text(reason)], server: observation.server, transport: .tcp))
            case .unavailable(let reason):
                findings.append(finding(.authAXFR, .ok, .axfrUnavailable, ["detail": .text(reason)], server: observation.server, transport: .tcp))
            case nil:
                break
            }
        }
        return findings
    }
}
