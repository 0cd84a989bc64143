/// A stable, machine-readable reason a payload was rejected or warned about.
///
/// The raw values are part of the public contract: CLIs, logs and dashboards
/// may match on them.
public enum VerdictCode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The declared Content-Type is not a MIME type.
    case invalidDeclaredType = "invalid-declared-type"
    /// The declared type is outside the accepted set.
    case notAcceptedType = "not-accepted-type"
    /// The payload must be JSON and is not.
    case invalidJSON = "invalid-json"
    /// The declared PDF or image type does not match the bytes.
    case declaredMismatch = "declared-mismatch"
    /// The declared image subtype differs from the sniffed one (a PNG sent as `image/jpeg`).
    case subtypeMismatch = "subtype-mismatch"
    /// Declared as text, but the bytes are binary.
    case binaryAsText = "binary-as-text"
    /// Declared as text, but the bytes are not valid in the declared charset.
    case charsetMismatch = "charset-mismatch"
    /// The payload is empty.
    case empty
    /// The payload exceeds the policy's size limit.
    case tooLarge = "too-large"
    /// The payload is a type a browser runs script from: HTML, XML, SVG or PDF.
    case scriptable
    /// The payload hides a second format.
    case polyglot
    /// Declared as opaque binary, but the sniffer found a more specific accepted type.
    case moreSpecificType = "more-specific-type"

    /// The stable code, such as `invalid-json`.
    public var description: String { rawValue }
}
