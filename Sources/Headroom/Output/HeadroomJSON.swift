public import Foundation
import Model

/// The JSON form of a result (HeadroomJSONSchema.md): keys sorted, dates in ISO 8601.
public enum HeadroomJSON {
    public static func encode(_ result: HeadroomResult) throws -> Data {
        try encoder.encode(result)
    }

    public static func decode(_ data: Data) throws -> HeadroomResult {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(HeadroomResult.self, from: data)
    }

    static var encoder: JSONEncoder {
        JSONOutput.encoder
    }
}
