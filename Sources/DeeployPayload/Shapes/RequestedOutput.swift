public import StrictJSON

/// An output a V2 request asks for: `{"name", "parameters"}`, such as
/// `{"name": "y", "parameters": {"binary_data": true}}`.
public struct RequestedOutput: Codable, Sendable, Hashable {
    /// The output's name.
    public var name: String
    /// Free-form parameters, such as `binary_data`.
    public var parameters: [String: JSONValue]?

    /// Creates a requested output.
    public init(name: String, parameters: [String: JSONValue]? = nil) {
        self.name = name
        self.parameters = parameters
    }
}
