/// Which path decided a ``Sniff``'s media type.
public enum SniffEvidence: Sendable, Hashable, CustomStringConvertible {
    /// The payload is empty.
    case empty
    /// The signature fast path recognised the format; libmagic was not needed.
    case signature(SignatureFormat)
    /// The strict JSON validator accepted the whole payload; libmagic was not needed.
    case strictJSON
    /// Every line is a strictly valid JSON value: newline-delimited JSON.
    case newlineDelimitedJSON
    /// libmagic's answer, with the charset checked against the bytes.
    case libmagic
    /// libmagic called it text, but the bytes contain binary data, so it is not.
    case binaryBytesInText(offset: Int)
    /// libmagic called it JSON, but the strict parser rejected it, so it is plain text.
    case invalidJSONAsText
    /// The sniffer's own text rules named it (see ``TextDetection/builtIn``).
    case builtInText
    /// libmagic failed on this content, so it is treated as opaque binary.
    case libmagicFailed(message: String)

    /// A short phrase for people and logs, such as `signature (PNG)`.
    public var description: String {
        switch self {
        case .empty: "empty payload"
        case .signature(let format): "signature (\(format))"
        case .strictJSON: "strict JSON validation"
        case .newlineDelimitedJSON: "every line is valid JSON"
        case .libmagic: "libmagic"
        case .binaryBytesInText(let offset): "libmagic said text, but byte \(offset) is binary"
        case .invalidJSONAsText: "libmagic said JSON, but the strict parser rejected it"
        case .builtInText: "built-in text rules"
        case .libmagicFailed(let message): "libmagic failed (\(message)), so opaque binary"
        }
    }

    /// A stable, machine-readable name: `empty`, `signature`, `strict-json`, `ndjson`,
    /// `libmagic`, `binary-bytes`, `invalid-json`, `built-in-text`, `libmagic-failed`.
    public var code: String {
        switch self {
        case .empty: "empty"
        case .signature: "signature"
        case .strictJSON: "strict-json"
        case .newlineDelimitedJSON: "ndjson"
        case .libmagic: "libmagic"
        case .binaryBytesInText: "binary-bytes"
        case .invalidJSONAsText: "invalid-json"
        case .builtInText: "built-in-text"
        case .libmagicFailed: "libmagic-failed"
        }
    }
}
