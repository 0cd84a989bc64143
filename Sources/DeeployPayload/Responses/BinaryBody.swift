/// A response body that is not JSON: its bytes and media type, with a checked text view for
/// `text/*`.
public struct BinaryBody: Sendable, Hashable {
    /// The body.
    public var bytes: [UInt8]
    /// The media type, from `Content-Type` or, when that was missing, from sniffing.
    public var mediaType: MediaType

    /// Creates a binary body.
    public init(bytes: [UInt8], mediaType: MediaType) {
        self.bytes = bytes
        self.mediaType = mediaType
    }

    /// The size in bytes.
    public var size: Int { bytes.count }

    /// The SHA-256 digest of ``bytes``, 64 lowercase hex digits; computed on each call.
    public var sha256: String { SHA256Hex.digest(bytes) }

    /// The body as text, for a `text/*` type; computed on each call.
    ///
    /// A byte-order mark picks the encoding (UTF-8, UTF-16LE, UTF-16BE); otherwise the
    /// `charset` parameter does (UTF-8, US-ASCII, UTF-16LE/BE, ISO-8859-1), and no charset
    /// means UTF-8. `nil` when the type is not `text/*`, the charset is none of these, or the
    /// bytes are not valid in it (a stray byte is never silently replaced).
    public var text: String? {
        guard mediaType.isText else { return nil }
        return Charset.decode(bytes, label: mediaType.charset)
    }
}
