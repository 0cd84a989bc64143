import StrictJSON

/// JSON bodies that a report prints as their exact bytes, because a tree would lose members.
///
/// An object that repeats a member name (`{"a":1,"a":2}`) cannot be held by `JSONObject`,
/// which keeps one member per name. Such a body goes into the report's JSON as a placeholder
/// string, and ``splice(into:)`` puts the body's bytes (without the whitespace around them) in
/// its place once the report is serialized: the output is still one JSON document, and it
/// loses nothing. Bodies without a repeated name stay trees, printed as before.
struct RawJSONBodies {
    private(set) var bodies: [[UInt8]] = []

    /// Whether `bytes`, valid JSON, has an object that repeats a member name.
    static func repeatsAName(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { DuplicateKeyScan.first(in: $0) != nil }
    }

    /// `parsed`, or a placeholder for `bytes` when they repeat a member name.
    mutating func value(_ bytes: [UInt8]?, parsed: JSONValue) -> JSONValue {
        guard let bytes, Self.repeatsAName(bytes) else { return parsed }
        bodies.append(bytes)
        return Self.placeholder(bodies.count - 1)
    }

    private static func placeholder(_ index: Int) -> JSONValue { .string("\u{0}raw-json-body-\(index)\u{0}") }

    /// `serialized` with each placeholder replaced by its body's bytes.
    func splice(into serialized: [UInt8]) -> [UInt8] {
        var output = serialized
        for (index, body) in bodies.enumerated() {
            let marker = JSONSerializer().serialize(Self.placeholder(index))
            guard let start = Self.firstIndex(of: marker, in: output) else { continue }
            output.replaceSubrange(start..<(start + marker.count), with: Self.trimmed(body))
        }
        return output
    }

    /// `body` without the JSON whitespace around it.
    static func trimmed(_ body: [UInt8]) -> ArraySlice<UInt8> {
        let isWhitespace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = body.firstIndex(where: { !isWhitespace($0) }), let last = body.lastIndex(where: { !isWhitespace($0) }) else {
            return []
        }
        return body[first...last]
    }

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard marker.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] && bytes[start..<(start + marker.count)].elementsEqual(marker) {
            return start
        }
        return nil
    }
}
