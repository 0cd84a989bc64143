import StrictJSON
import Testing

/// Decodes `json` as `T`, encodes the result, and checks that the output decodes to the same
/// value and means the same JSON as the input (members in any order).
func roundTrip<T: Codable & Equatable>(_ type: T.Type, _ json: String) throws -> T {
    let value = try StrictJSONDecoder().decode(type, from: Array(json.utf8))
    let encoded = try StrictJSONEncoder().encode(value)
    #expect(try StrictJSONDecoder().decode(type, from: encoded) == value)
    #expect(try JSONParser.parse(encoded) == JSONParser.parse(json), "\(String(decoding: encoded, as: UTF8.self))")
    return value
}
