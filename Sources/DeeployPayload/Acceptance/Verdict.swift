/// The answer to "may this payload be sent to Deeploy, and with which Content-Type?".
public struct Verdict: Sendable, Hashable {
    // The stored properties are in an order of their own (what was judged first), so that the
    // compiler's memberwise initialiser differs from the public one and stays available; the
    // verdict is made with it. A hand-written initialiser, inlined into the verdict, made the
    // verdict in a temporary and copied it out whole: 911 instructions more a small PNG verdict
    // (1,785 -> 2,696), measured on Swift 6.3.1.
    // Keep the order different from the public initialiser's, or the memberwise one is lost.

    /// What the sniffer found.
    public var sniff: Sniff
    /// True when the payload may be sent.
    public var isAccepted: Bool
    /// The Content-Type to send, normalised. Nil when the payload is rejected.
    public var effectiveContentType: MediaType?
    /// The declared Content-Type as given, or nil when there was none.
    public var declaredRaw: String?
    /// The declared Content-Type, parsed; nil when absent or unparsable.
    public var declared: MediaType?
    /// Why the payload is rejected; empty when accepted.
    public var reasons: [Finding]
    /// Things worth knowing that do not block sending.
    public var warnings: [Finding]
    /// A Content-Type that would describe these bytes, offered when the declared
    /// one is rejected or less specific than it could be.
    public var suggestedContentType: MediaType?

    /// The sniffed media type.
    public var sniffed: MediaType { sniff.mediaType }

    /// The reason codes, in order.
    public var reasonCodes: [Code] { reasons.map(\.code) }
    /// The warning codes, in order.
    public var warningCodes: [Code] { warnings.map(\.code) }
}

extension Verdict {
    /// Creates a verdict from its parts.
    public init(
        isAccepted: Bool, effectiveContentType: MediaType?, declaredRaw: String?, declared: MediaType?,
        sniff: Sniff, reasons: [Finding], warnings: [Finding], suggestedContentType: MediaType?
    ) {
        self.init(
            sniff: sniff, isAccepted: isAccepted, effectiveContentType: effectiveContentType, declaredRaw: declaredRaw,
            declared: declared, reasons: reasons, warnings: warnings, suggestedContentType: suggestedContentType
        )
    }
}

extension Verdict {
    /// A stable, machine-readable reason a payload was rejected or warned about.
    ///
    /// The raw values are part of the public contract: CLIs, logs and dashboards
    /// may match on them.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
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
        /// A JSON payload has an object that repeats a member name; receivers disagree on which
        /// member counts (RFC 8259 §4).
        case duplicateKey = "duplicate-key"

        /// The stable code, such as `invalid-json`.
        public var description: String { rawValue }
    }

    /// One reason or warning in a ``Verdict``: a stable code and a message for people.
    public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The stable code, such as ``Verdict/Code/invalidJSON``.
        public var code: Code
        /// What is wrong and what to do about it.
        public var message: String

        /// Creates a finding.
        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        /// `code: message`.
        public var description: String { "\(code): \(message)" }
    }
}

extension Verdict: CustomStringConvertible {
    /// One line: `accepted as application/json` or `rejected: invalid-json (...)`.
    public var description: String {
        var line = isAccepted
            ? "accepted as \(effectiveContentType?.description ?? "?")"
            : "rejected: " + reasons.map(\.description).joined(separator: "; ")
        if !warnings.isEmpty { line += " [warnings: " + warnings.map(\.code.rawValue).joined(separator: ", ") + "]" }
        return line
    }
}

/// The reason codes' old name.
@available(*, deprecated, renamed: "Verdict.Code")
public typealias VerdictCode = Verdict.Code

/// The findings' old name.
@available(*, deprecated, renamed: "Verdict.Finding")
public typealias VerdictFinding = Verdict.Finding
