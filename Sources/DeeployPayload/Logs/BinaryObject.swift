/// A body that a log cannot hold as JSON, recorded for object storage: its media type, size,
/// SHA-256 digest and the bytes themselves, which the caller stores (Deeploy keeps non-JSON
/// request bodies as objects, never drops them).
public struct BinaryObject: Sendable, Hashable {
    /// The body's media type: as declared, or as sniffed when none was declared.
    public var mediaType: MediaType
    /// The size in bytes.
    public var size: Int
    /// The SHA-256 digest of ``bytes``, 64 lowercase hex digits: a key for content-addressed storage.
    public var sha256: String
    /// The body, for the caller to store.
    public var bytes: [UInt8]

    /// A record of `bytes`, with their size and digest computed.
    public init(mediaType: MediaType, bytes: [UInt8]) {
        self.mediaType = mediaType
        self.size = bytes.count
        self.sha256 = SHA256Hex.digest(bytes)
        self.bytes = bytes
    }
}
