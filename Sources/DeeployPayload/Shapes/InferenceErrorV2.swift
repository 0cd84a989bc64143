/// An Open Inference Protocol (V2) error response: `{"error": "message"}`.
public struct InferenceErrorV2: Codable, Sendable, Hashable, Error, CustomStringConvertible {
    /// The server's message.
    public var error: String

    /// Creates an error response.
    public init(error: String) {
        self.error = error
    }

    /// The server's message.
    public var description: String { error }
}
