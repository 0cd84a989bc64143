import DeeployPayload
import StrictJSON

/// What `inspect` prints of one payload's verdict: the values its table shows and its JSON
/// formats print, taken from the verdict in one place.
///
/// The JSON object has exactly the keys of ``keys``, in that order:
///
/// ```json
/// {"path":"a.png","size":68,"sniffed":"image/png","charset":null,"description":null,
///  "declared":"image/png","effective":"image/png","accepted":true,"reasons":[],"warnings":[]}
/// ```
///
/// A payload that could not be read has no verdict; ``failureJSON(path:error:)`` is its object.
struct VerdictReport {
    /// The keys of ``json``, in order.
    static let keys = [
        "path", "size", "sniffed", "charset", "description", "declared", "effective", "accepted", "reasons", "warnings",
    ]

    /// The path as given on the command line (`-` for standard input).
    let path: String
    /// The payload's size in bytes.
    let size: Int
    /// The sniffed type's essence, such as `image/png`.
    let sniffed: String
    /// The sniffed charset, if any.
    let charset: String?
    /// libmagic's description, when the sniffer asked for one (`--describe`).
    let description: String?
    /// The declared Content-Type, normalised; nil when absent, unparsable or rejected.
    let declared: String?
    /// The Content-Type to send, normalised; nil when the payload is rejected.
    let effective: String?
    /// Whether the payload may be sent.
    let accepted: Bool
    /// The stable codes of the reasons for a rejection (``VerdictCode`` raw values).
    let reasons: [String]
    /// The stable codes of the warnings.
    let warnings: [String]

    init(path: String, verdict: Verdict) {
        self.path = path
        size = verdict.sniff.size
        sniffed = verdict.sniffed.essence
        charset = verdict.sniff.charset
        description = verdict.sniff.description
        declared = verdict.declared?.description
        effective = verdict.effectiveContentType?.description
        accepted = verdict.isAccepted
        reasons = verdict.reasonCodes.map(\.rawValue)
        warnings = verdict.warningCodes.map(\.rawValue)
    }

    /// The JSON object, with exactly the keys of ``keys`` in that order; null for what is absent.
    var json: JSONValue {
        .object([
            "path": .string(path),
            "size": .number(JSONNumber(size)),
            "sniffed": .string(sniffed),
            "charset": charset.map(JSONValue.string) ?? .null,
            "description": description.map(JSONValue.string) ?? .null,
            "declared": declared.map(JSONValue.string) ?? .null,
            "effective": effective.map(JSONValue.string) ?? .null,
            "accepted": .bool(accepted),
            "reasons": .array(reasons.map(JSONValue.string)),
            "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }

    /// The JSON object of a payload that could not be read: `{"path", "accepted": false, "error"}`.
    static func failureJSON(path: String, error: String) -> JSONValue {
        .object([
            "path": .string(path),
            "accepted": .bool(false),
            "error": .string(error),
        ])
    }
}
