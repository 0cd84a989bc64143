import DeeployPayload
import StrictJSON

/// What `inspect` prints of one payload's verdict: the values its table shows and its JSON
/// formats print, taken from the verdict in one place.
///
/// The JSON object has exactly the keys of ``keys``, in that order, and `messages` after them
/// with `--explain`:
///
/// ```json
/// {"path":"a.png","size":68,"sniffed":"image/png","charset":null,"description":null,
///  "declared":"image/png","effective":"image/png","accepted":true,"reasons":[],"warnings":[],
///  "suggested":null}
/// ```
///
/// A payload that could not be read has no verdict; ``failureJSON(path:error:)`` is its object.
struct VerdictReport {
    /// The keys of ``json``, in order.
    static let keys = [
        "path", "size", "sniffed", "charset", "description", "declared", "effective", "accepted", "reasons", "warnings",
        "suggested",
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
    /// A Content-Type with which the payload would be accepted, when it differs from
    /// ``effective``; nil otherwise. (`inspect` keeps only suggestions it has checked.)
    let suggested: String?
    /// Each reason's and warning's code and message, reasons first.
    let messages: [(code: String, message: String)]

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
        suggested = verdict.suggestedContentType?.description
        messages = (verdict.reasons + verdict.warnings).map { ($0.code.rawValue, CLIWording.finding($0)) }
    }

    /// The table's hint under a row: `accepted as image/png with --declared image/png`.
    var suggestion: String? {
        guard let suggested else { return nil }
        let argument = suggested.contains(where: { $0 == " " || $0 == ";" || $0 == "\"" }) ? "'\(suggested)'" : suggested
        return "accepted as \(suggested) with --declared \(argument)"
    }

    /// The JSON object, with exactly the keys of ``keys`` in that order; null for what is absent.
    var json: JSONValue { json(explains: false, pathBytes: nil) }

    /// The JSON object; `pathBytes` (base64) follows the keys of ``keys`` for a path that is
    /// not valid UTF-8, and with `explains`, a last key `messages` holds `{"code", "message"}`
    /// objects, reasons first.
    func json(explains: Bool, pathBytes: [UInt8]? = nil) -> JSONValue {
        var object: JSONObject = [
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
            "suggested": suggested.map(JSONValue.string) ?? .null,
        ]
        if let pathBytes { object["pathBytes"] = .string(RawPath.base64(pathBytes)) }
        if explains {
            object["messages"] = .array(messages.map { ["code": .string($0.code), "message": .string($0.message)] })
        }
        return .object(object)
    }

    /// The JSON object of a payload that could not be read: `{"path", "accepted": false, "error"}`,
    /// and `pathBytes` (base64) for a path that is not valid UTF-8.
    static func failureJSON(path: String, error: String, pathBytes: [UInt8]? = nil) -> JSONValue {
        var object: JSONObject = [
            "path": .string(path),
            "accepted": .bool(false),
            "error": .string(error),
        ]
        if let pathBytes { object["pathBytes"] = .string(RawPath.base64(pathBytes)) }
        return .object(object)
    }
}
