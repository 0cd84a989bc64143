import DeeployPayload
import HTTPTypes
import StrictJSON

/// What `headers` prints: the header fields of an inference request, in the order they are sent.
///
/// Text: one `Name: value` line per field. JSON: an object of header name to value.
struct HeaderFieldsReport: CommandReport {
    /// The fields to send.
    let fields: HTTPFields

    var json: JSONValue {
        .object(JSONObject(fields.map { (key: $0.name.rawName, value: JSONValue.string($0.value)) }))
    }

    func writeText(to output: OutputWriter) {
        for field in fields { output.writeLine("\(field.name.rawName): \(field.value)") }
    }
}

/// What `headers --check-authorization` prints: what a pasted `Authorization` value is and
/// what is wrong with it, never its secret.
///
/// JSON: `{"scheme", "kind", "accessKey", "valid", "problem"}`, with null for what is unknown.
/// Text: the scheme and the kind of credential it carries, the access key when known, whether
/// the value is valid, and the problem when there is one.
struct AuthorizationReport: CommandReport {
    /// The diagnosis to print: of the value without a trailing Windows line ending, if any.
    let diagnosis: AuthorizationDiagnosis
    /// The Windows line ending the value ended in (`CR LF`, or `CR` when a shell or a pipe
    /// took the LF), or nil.
    var windowsLineEnding: String?

    init(diagnosis: AuthorizationDiagnosis) {
        self.diagnosis = diagnosis
    }

    /// Diagnoses a pasted value. A trailing CR LF or CR, as a Windows clipboard or file leaves,
    /// makes the value invalid and is named as such; the rest of the value is diagnosed too.
    init(authorization value: String) {
        var scalars = value.unicodeScalars
        var ending: String?
        if scalars.last == "\n", scalars.dropLast().last == "\r" {
            scalars.removeLast(2)
            ending = "CR LF"
        } else if scalars.last == "\r" {
            scalars.removeLast()
            ending = "CR"
        }
        diagnosis = AuthorizationDiagnosis(authorization: String(scalars))
        windowsLineEnding = ending
    }

    /// Whether the value, as given, is a valid Authorization value.
    var isValid: Bool {
        diagnosis.isValid && windowsLineEnding == nil
    }

    /// What is wrong, or nil.
    var problem: String? {
        guard let windowsLineEnding else { return diagnosis.problem?.description }
        let rest = diagnosis.problem.map { " Without it, there is another problem: \($0)" } ?? " Without it, the value is valid."
        return "The Authorization value ends in \(windowsLineEnding), a Windows line ending (from a Windows clipboard "
            + "or a file saved on Windows), which a header value cannot contain; remove it, e.g. with tr -d '\\r'."
            + rest
    }

    var json: JSONValue {
        .object([
            "scheme": diagnosis.scheme.map(JSONValue.string) ?? .null,
            "kind": diagnosis.kind.map { .string($0.rawValue) } ?? .null,
            "accessKey": diagnosis.accessKey.map(JSONValue.string) ?? .null,
            "valid": .bool(isValid),
            "problem": problem.map(JSONValue.string) ?? .null,
        ])
    }

    func writeText(to output: OutputWriter) {
        switch diagnosis.kind {
        case .personalKeyPair: output.writeLine("scheme: Basic (personal key pair)")
        case .deploymentToken: output.writeLine("scheme: Bearer (deployment token)")
        case nil: output.writeLine("scheme: unknown")
        }
        if let accessKey = diagnosis.accessKey { output.writeLine("access key: \(accessKey)") }
        output.writeLine("valid: \(isValid ? "yes" : "no")")
        if let problem { output.writeLine("problem: \(problem)") }
    }
}
