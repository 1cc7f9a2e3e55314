public import Foundation
import Model

/// `dnsward report --format json`: the report as data, schema 1 (RegistryReportJSONSchema.md).
public enum RegistryReportJSON {
    public static func encode(_ report: RegistryReport) throws -> Data {
        try JSONOutput.encoder.encode(report)
    }
}
