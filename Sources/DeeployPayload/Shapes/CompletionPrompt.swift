public import StrictJSON

/// The `prompt` of a completion request: one text, or an array with one entry per completion
/// wanted (texts, or token arrays).
public enum CompletionPrompt: Codable, Sendable, Hashable {
    /// One prompt.
    case text(String)
    /// Several prompts; Deeploy splits the request log into one prediction log per entry when
    /// the response has as many `choices`.
    case batch([JSONValue])

    /// The number of prompts: 1 for ``text(_:)``.
    public var count: Int {
        switch self {
        case .text: 1
        case .batch(let entries): entries.count
        }
    }

    /// Decodes a string or an array.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let entries = try? container.decode([JSONValue].self) {
            self = .batch(entries)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: #""prompt" must be a string or an array"#)
        }
    }

    /// Encodes the string or the array.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .batch(let entries): try container.encode(entries)
        }
    }
}
