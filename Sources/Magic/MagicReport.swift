/// What libmagic says about one input.
///
/// Every string here is a copy: libmagic's own result buffer lives inside the
/// cookie and is overwritten by the next call.
public struct MagicReport: Sendable, Hashable {
    /// Optional parts of a report that cost an extra libmagic pass.
    public struct Detail: OptionSet, Sendable, Hashable {
        /// The raw option bits.
        public var rawValue: UInt8
        /// Creates details from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The human-readable description (`"PNG image data, 1 x 1, ..."`).
        /// Costs a second pass over the input.
        public static let description = Detail(rawValue: 1)
    }

    /// The MIME type of the first match, such as `image/png`.
    public var mimeType: String
    /// The MIME encoding, such as `binary`, `us-ascii` or `utf-8`, when libmagic gave one.
    public var encoding: String?
    /// The description of the first match, when ``Detail/description`` was asked for.
    public var description: String?
    /// The MIME type of every match, in order. Holds more than one entry only when
    /// the cookie was created with ``MagicFlags/continue``.
    public var mimeTypes: [String]
    /// The description of every match, in order, when ``Detail/description`` was asked for.
    /// Holds more than one entry only with ``MagicFlags/continue``.
    public var matches: [String]

    /// Creates a report from its parts.
    public init(mimeType: String, encoding: String?, description: String?, mimeTypes: [String], matches: [String]) {
        self.mimeType = mimeType
        self.encoding = encoding
        self.description = description
        self.mimeTypes = mimeTypes
        self.matches = matches
    }
}

extension MagicReport {
    /// Splits a `MAGIC_MIME` answer such as `"image/gif\\012- application/zip; charset=binary"`
    /// into its types and encoding.
    static func parseMIME(_ text: String) -> (types: [String], encoding: String?) {
        var body = Substring(text)
        var encoding: String?
        if let marker = firstOffset(of: charsetMarker, in: body.utf8) {
            let utf8 = body.utf8
            let markerStart = utf8.index(utf8.startIndex, offsetBy: marker)
            let valueStart = utf8.index(markerStart, offsetBy: charsetMarker.count)
            encoding = String(body[valueStart...])
            body = body[..<markerStart]
        }
        let types = splitMatches(body)
        return (types.isEmpty ? ["application/octet-stream"] : types, encoding)
    }

    /// Splits a `MAGIC_CONTINUE` answer into its matches, trimming the padding
    /// libmagic leaves after the separator. libmagic joins matches with a newline
    /// and "- "; unless `MAGIC_RAW` is set it escapes that newline as `\\012`.
    static func splitMatches(_ text: Substring) -> [String] {
        var matches: [String] = []
        var rest = text
        while !rest.isEmpty {
            let utf8 = rest.utf8
            var cut: (at: Int, length: Int)?
            if let newline = firstOffset(of: rawSeparator, in: utf8) { cut = (newline, rawSeparator.count) }
            if let escaped = firstOffset(of: escapedSeparator, in: utf8), escaped < (cut?.at ?? Int.max) {
                cut = (escaped, escapedSeparator.count)
            }
            let end = cut.map { utf8.index(utf8.startIndex, offsetBy: $0.at) } ?? utf8.endIndex
            let match = rest[..<end].drop(while: { $0 == " " })
            if !match.isEmpty { matches.append(String(match)) }
            guard let cut else { break }
            rest = rest[utf8.index(end, offsetBy: cut.length)...]
        }
        return matches
    }

    private static let charsetMarker: [UInt8] = Array("; charset=".utf8)
    private static let rawSeparator: [UInt8] = Array("\n- ".utf8)
    private static let escapedSeparator: [UInt8] = Array("\\012- ".utf8)

    /// The offset of the first occurrence of `pattern` in `bytes`, if any.
    private static func firstOffset(of pattern: [UInt8], in bytes: Substring.UTF8View) -> Int? {
        let count = bytes.count
        guard count >= pattern.count, let first = pattern.first else { return nil }
        var offset = 0
        var index = bytes.startIndex
        while offset + pattern.count <= count {
            if bytes[index] == first, bytes[index...].starts(with: pattern) { return offset }
            offset += 1
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The first MIME type in a C string answer: everything before `;`, a space,
    /// a newline or a backslash. Copied straight from libmagic's buffer.
    static func firstType(in answer: UnsafePointer<CChar>) -> String {
        var length = 0
        while true {
            let byte = UInt8(bitPattern: answer[length])
            if byte == 0 || byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\\") { break }
            length += 1
        }
        guard length > 0 else { return "application/octet-stream" }
        return answer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
