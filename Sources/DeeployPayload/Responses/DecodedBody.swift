public import StrictJSON

/// A decoded response body, following Deeploy's rule: JSON when the model answers with a JSON
/// media type, binary otherwise.
public enum DecodedBody: Sendable, Hashable {
    /// A JSON body, parsed.
    case json(JSONValue)
    /// Any other body, with its media type.
    case binary(BinaryBody)

    /// The JSON value, for ``json(_:)``.
    public var json: JSONValue? {
        if case .json(let value) = self { value } else { nil }
    }

    /// The binary body, for ``binary(_:)``.
    public var binary: BinaryBody? {
        if case .binary(let body) = self { body } else { nil }
    }
}
