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
    /// The diagnosis to print.
    let diagnosis: AuthorizationDiagnosis

    var json: JSONValue {
        .object([
            "scheme": diagnosis.scheme.map(JSONValue.string) ?? .null,
            "kind": diagnosis.kind.map { .string($0.rawValue) } ?? .null,
            "accessKey": diagnosis.accessKey.map(JSONValue.string) ?? .null,
            "valid": .bool(diagnosis.isValid),
            "problem": diagnosis.problem.map { .string($0.description) } ?? .null,
        ])
    }

    func writeText(to output: OutputWriter) {
        switch diagnosis.kind {
        case .personalKeyPair: output.writeLine("scheme: Basic (personal key pair)")
        case .deploymentToken: output.writeLine("scheme: Bearer (deployment token)")
        case nil: output.writeLine("scheme: unknown")
        }
        if let accessKey = diagnosis.accessKey { output.writeLine("access key: \(accessKey)") }
        output.writeLine("valid: \(diagnosis.isValid ? "yes" : "no")")
        if let problem = diagnosis.problem { output.writeLine("problem: \(problem)") }
    }
}
