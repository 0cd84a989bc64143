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
    /// libmagic joins `MAGIC_CONTINUE` matches with a newline and "- ". Unless
    /// `MAGIC_RAW` is set it escapes that newline to the four characters `\012`.
    static let continuationSeparators = ["\n- ", "\\012- "]

    /// Splits a `MAGIC_MIME` answer such as `"image/gif\n- application/zip; charset=binary"`.
    static func parseMIME(_ text: String) -> (types: [String], encoding: String?) {
        var body = Substring(text)
        var encoding: String?
        if let range = body.firstRange(of: "; charset=") {
            encoding = String(body[range.upperBound...])
            body = body[..<range.lowerBound]
        }
        let types = splitMatches(body)
        return (types.isEmpty ? ["application/octet-stream"] : types, encoding)
    }

    /// Splits a `MAGIC_CONTINUE` answer into its matches, trimming the padding
    /// libmagic leaves after the separator.
    static func splitMatches(_ text: Substring) -> [String] {
        var parts = [text]
        for separator in continuationSeparators {
            parts = parts.flatMap { $0.split(separator: separator, omittingEmptySubsequences: true) }
        }
        return parts.map { String($0.drop(while: { $0 == " " })) }.filter { !$0.isEmpty }
    }
}
