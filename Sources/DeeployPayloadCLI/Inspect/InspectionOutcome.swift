import DeeployPayload
import StrictJSON

/// The result for one target: a verdict, or the message saying why it could not be read.
///
/// `pathBytes` is set only for a path that is not valid UTF-8 (`path` is then its display form,
/// see ``RawPath``); JSON adds it, base64, as `pathBytes`.
enum InspectionOutcome: Sendable {
    case verdict(path: String, Verdict, pathBytes: [UInt8]? = nil)
    case failure(path: String, message: String, pathBytes: [UInt8]? = nil)

    var path: String {
        switch self {
        case .verdict(let path, _, _), .failure(let path, _, _): path
        }
    }

    /// The exact bytes of a path that is not valid UTF-8; nil for every other path.
    var pathBytes: [UInt8]? {
        switch self {
        case .verdict(_, _, let bytes), .failure(_, _, let bytes): bytes
        }
    }

    var isAccepted: Bool {
        if case .verdict(_, let verdict, _) = self { return verdict.isAccepted }
        return false
    }

    /// The result object of the JSON formats.
    var json: JSONValue { json(explains: false) }

    /// The result object of the JSON formats; `pathBytes` follows the other keys for a path
    /// that is not valid UTF-8, and with `explains` (`--explain`), a verdict's object ends with
    /// its `messages`.
    func json(explains: Bool) -> JSONValue {
        switch self {
        case .verdict(let path, let verdict, let bytes):
            VerdictReport(path: path, verdict: verdict).json(explains: explains, pathBytes: bytes)
        case .failure(let path, let message, let bytes):
            VerdictReport.failureJSON(path: path, error: message, pathBytes: bytes)
        }
    }
}
