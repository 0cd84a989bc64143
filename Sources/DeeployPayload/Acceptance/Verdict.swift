/// The answer to "may this payload be sent to Deeploy, and with which Content-Type?".
public struct Verdict: Sendable, Hashable {
    // Stored properties are in an order of their own (what was judged first), so that the
    // compiler's memberwise initialiser differs from the public one and stays available: it
    // moves its arguments in, where a hand-written initialiser of a struct this large copies
    // every field once more (measured on Swift 6.3). A verdict is made on every request.

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
    public var reasons: [VerdictFinding]
    /// Things worth knowing that do not block sending.
    public var warnings: [VerdictFinding]
    /// A Content-Type that would describe these bytes, offered when the declared
    /// one is rejected or less specific than it could be.
    public var suggestedContentType: MediaType?

    /// The sniffed media type.
    public var sniffed: MediaType { sniff.mediaType }

    /// The reason codes, in order.
    public var reasonCodes: [VerdictCode] { reasons.map(\.code) }
    /// The warning codes, in order.
    public var warningCodes: [VerdictCode] { warnings.map(\.code) }
}

extension Verdict {
    /// Creates a verdict from its parts.
    public init(
        isAccepted: Bool, effectiveContentType: MediaType?, declaredRaw: String?, declared: MediaType?,
        sniff: Sniff, reasons: [VerdictFinding], warnings: [VerdictFinding], suggestedContentType: MediaType?
    ) {
        self.init(
            sniff: sniff, isAccepted: isAccepted, effectiveContentType: effectiveContentType, declaredRaw: declaredRaw,
            declared: declared, reasons: reasons, warnings: warnings, suggestedContentType: suggestedContentType
        )
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
