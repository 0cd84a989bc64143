/// One side of an inference call as a logger saw it: the declared content type and the bytes.
public struct LoggedBody: Sendable, Hashable {
    /// The `Content-Type`, parsed; `nil` when the message had none.
    public var contentType: MediaType?
    /// The body.
    public var bytes: [UInt8]

    /// Creates a logged body.
    public init(contentType: MediaType?, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}
