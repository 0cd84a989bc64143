import DeeployPayload
import StrictJSON

/// The result for one target: a verdict, or the message saying why it could not be read.
enum InspectionOutcome: Sendable {
    case verdict(path: String, Verdict)
    case failure(path: String, message: String)

    var path: String {
        switch self {
        case .verdict(let path, _), .failure(let path, _): path
        }
    }

    var isAccepted: Bool {
        if case .verdict(_, let verdict) = self { return verdict.isAccepted }
        return false
    }

    /// The result object of the JSON formats.
    var json: JSONValue { json(explains: false) }

    /// The result object of the JSON formats; with `explains` (`--explain`), a verdict's
    /// object ends with its `messages`.
    func json(explains: Bool) -> JSONValue {
        switch self {
        case .verdict(let path, let verdict): VerdictReport(path: path, verdict: verdict).json(explains: explains)
        case .failure(let path, let message): VerdictReport.failureJSON(path: path, error: message)
        }
    }
}
