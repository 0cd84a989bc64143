import DeeployPayload
import StrictJSON

/// Library messages in the CLI's words: they name the CLI's flags and commands, never a
/// library property such as `JSONOptions.allowByteOrderMark` or advice meant for code
/// ("Read it into memory and sniff the bytes").
enum CLIWording {
    /// A JSON error; a byte-order mark is explained rather than pointed at a parser option.
    static func json(_ error: JSONError) -> String {
        guard error.kind == .byteOrderMark else { return error.description }
        return "it starts with the UTF-8 byte-order mark EF BB BF, which RFC 8259 §8.1 forbids in JSON; "
            + "remove those three bytes"
    }

    /// What `decode` prints for a response error; `contentTypeGiven` tells a declared type from a
    /// sniffed one.
    static func response(_ error: ResponseError, contentTypeGiven: Bool) -> String {
        guard case .invalidJSON(let json) = error else { return error.description }
        let start = contentTypeGiven
            ? "the response says it is JSON but is not: "
            : "the response has no --content-type and its bytes look like JSON, but it is not valid JSON: "
        let end = contentTypeGiven
            ? ". The model or a proxy sent a broken body; send the request again or check the model's logs."
            : ". Pass --content-type with the type the server sent, or application/octet-stream to see it as binary."
        return start + Self.json(json) + end
    }

    /// Why a call was not split; `declared` tells, per side, whether its type was given
    /// (--request-type, --response-type) or taken (JSON for a request, sniffed for a response).
    static func noSplitReason(_ reason: NoSplitReason, declared: (NoSplitReason.Side) -> Bool) -> String {
        guard case .invalidJSON(let side, let error) = reason else { return reason.description }
        let taken = switch side {
        case .request: declared(side) ? "is declared JSON" : "has no --request-type, so it is taken as JSON"
        case .response: declared(side) ? "is declared JSON" : "has no --response-type and looks like JSON"
        }
        return "the \(side.rawValue) \(taken) but is not valid JSON (\(Self.json(error))); it is kept as a binary object"
    }

    /// The outcome of a split, with ``noSplitReason(_:declared:)``'s wording.
    static func outcome(_ outcome: SplitOutcome, declared: (NoSplitReason.Side) -> Bool) -> String {
        guard case .notSplit(let reason) = outcome else { return outcome.description }
        return "not split: " + noSplitReason(reason, declared: declared)
    }

    /// A file the CLI could not sniff; `option` is the option that named it, if any
    /// (`--for-file`), else the file was an `inspect` argument.
    static func sniff(_ error: SniffError, option: String? = nil) -> String {
        switch error {
        case .isDirectory(let path):
            if let option {
                return "'\(path)' is a directory; \(option) takes one file. To check the files inside it, "
                    + "run deeploy-payload inspect --recursive '\(path)'."
            }
            return "'\(path)' is a directory; use --recursive to inspect the files inside it."
        case .notRegularFile(let path):
            let what = option.map { "\($0) takes a regular file" } ?? "only regular files and standard input are inspected"
            return "'\(path)' is not a regular file (a device, socket or pipe); \(what). "
                + "Save its bytes to a file, or pipe them to deeploy-payload inspect -."
        case .unknownSize(let path):
            return "'\(path)' has a size of 0 but has content (a pseudo-file, such as those in /proc), so its size is "
                + "unknown. Pipe it instead: cat '\(path)' | deeploy-payload inspect -."
        default:
            return error.description
        }
    }

    /// A verdict finding's message; the size limit is --max-size here, not "this policy".
    static func finding(_ finding: Verdict.Finding) -> String {
        guard finding.code == .tooLarge else { return finding.message }
        return finding.message.replacing("this policy accepts", with: "--max-size allows")
    }
}
