/// Writes a ``JSONValue`` as RFC 8259 JSON text in UTF-8.
///
/// Output is deterministic: members in their order, numbers in their source text,
/// strings escaped minimally (`"`, `\` and control characters, using `\b \f \n \r \t`
/// where they exist and `\u00XX` otherwise) with everything else, non-ASCII included,
/// written as UTF-8. Parsing the output gives back an equal value.
///
/// The compact form has no whitespace; the pretty form puts each element and member on
/// its own line, indented by two spaces, with `": "` after keys and `[]`/`{}` for empty
/// containers.
///
/// ```swift
/// JSONSerializer().serialize(["a": [1, true]])  // {"a":[1,true]}
/// ```
public struct JSONSerializer: Sendable, Hashable {
    /// Whether to write the indented, multi-line form.
    public var pretty: Bool

    /// Creates a serializer; compact by default.
    public init(pretty: Bool = false) {
        self.pretty = pretty
    }

    /// The JSON text of `value`.
    public func serialize(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        serialize(value, into: &output)
        return output
    }

    /// Appends the JSON text of `value` to `output`.
    public func serialize(_ value: JSONValue, into output: inout [UInt8]) {
        write(value, into: &output, indent: 0)
    }

    private func write(_ value: JSONValue, into output: inout [UInt8], indent: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let bool): output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.text.utf8)
        case .string(let string): Self.writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(0x5B)
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(&output, indent: indent + 1)
                write(element, into: &output, indent: indent + 1)
            }
            newline(&output, indent: indent)
            output.append(0x5D)
        case .object(let object):
            guard !object.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(0x7B)
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(&output, indent: indent + 1)
                Self.writeString(member.key, into: &output)
                output.append(0x3A)
                if pretty { output.append(0x20) }
                write(member.value, into: &output, indent: indent + 1)
            }
            newline(&output, indent: indent)
            output.append(0x7D)
        }
    }

    @inline(__always)
    private func newline(_ output: inout [UInt8], indent: Int) {
        guard pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }

    /// Appends `string` as a quoted, escaped JSON string (RFC 8259 §7).
    static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(ByteClass.quote)
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == ByteClass.quote || byte == ByteClass.backslash {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                output.append(ByteClass.backslash)
                switch byte {
                case ByteClass.quote, ByteClass.backslash: output.append(byte)
                case 0x08: output.append(0x62)
                case 0x0C: output.append(0x66)
                case 0x0A: output.append(0x6E)
                case 0x0D: output.append(0x72)
                case 0x09: output.append(0x74)
                default:
                    output.append(contentsOf: [0x75, 0x30, 0x30, Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0xF)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(ByteClass.quote)
    }
}
