import ArgumentParser
import DeeployClient
import DeeployPayload
import StrictJSON
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What `deeploy-send` shares with `deeploy-payload`'s commands in spirit, kept small and local:
// it is its own executable so that `deeploy-payload` does not link SwiftNIO and AsyncHTTPClient
// (see the start-up figures in the commit that split it out).

/// The entry point: runs the command, and exits with 2 (not ArgumentParser's 64) on usage
/// errors, as `deeploy-payload` does, so that scripts can tell "refused" (1) from "called wrongly".
@main
enum Main {
    static func main() async {
        do {
            var command = try DeeploySend.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if DeeploySend.exitCode(for: error) == .validationFailure {
                Output.error(DeeploySend.fullMessage(for: error))
                DeeploySend.exit(withError: ExitCode.usage)
            }
            DeeploySend.exit(withError: error)
        }
    }
}

extension ExitCode {
    /// The deployment answered 2xx.
    static let accepted = ExitCode(0)
    /// The payload was refused, the call failed, or the answer was an error.
    static let rejected = ExitCode(1)
    /// The command line itself was wrong.
    static let usage = ExitCode(2)
}

/// An inference endpoint named on the command line.
struct EndpointArgument: ExpressibleByArgument {
    let endpoint: InferenceEndpoint

    init(_ endpoint: InferenceEndpoint) { self.endpoint = endpoint }

    init?(argument: String) {
        guard let endpoint = InferenceEndpoint(name: argument) else { return nil }
        self.endpoint = endpoint
    }

    static var allValueStrings: [String] { InferenceEndpoint.names }
    var defaultValueDescription: String { endpoint.path }
}

/// Plain text for people, or JSON for programs.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// A size: bytes, or with a K, M or G suffix (1024-based).
struct Size: ExpressibleByArgument {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let lowered = argument.lowercased()
        var unit = 1
        var digits = Substring(lowered)
        for (suffix, multiplier) in [("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30)] where lowered.hasSuffix(suffix) {
            digits = digits.dropLast()
            unit = multiplier
        }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }), let count = Int(digits) else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        self.bytes = bytes
    }

    var defaultValueDescription: String { bytes % (1 << 30) == 0 ? "\(bytes >> 30)G" : "\(bytes)" }
}

/// The credentials from the options, else from DEEPLOY_TOKEN or DEEPLOY_ACCESS_KEY and
/// DEEPLOY_SECRET_KEY; exactly one kind.
enum CredentialOptions {
    static func resolve(accessKey: String?, secretKey: String?, token: String?) throws -> (accessKey: String?, secretKey: String?, token: String?) {
        if accessKey != nil || secretKey != nil || token != nil { return try check(accessKey, secretKey, token, options: true) }
        let environment = (variable("DEEPLOY_ACCESS_KEY"), variable("DEEPLOY_SECRET_KEY"), variable("DEEPLOY_TOKEN"))
        guard environment.0 != nil || environment.1 != nil || environment.2 != nil else {
            throw ValidationError(
                "No credentials: give --access-key and --secret-key, or --token, or set DEEPLOY_ACCESS_KEY and DEEPLOY_SECRET_KEY, or DEEPLOY_TOKEN.")
        }
        return try check(environment.0, environment.1, environment.2, options: false)
    }

    private static func check(_ accessKey: String?, _ secretKey: String?, _ token: String?, options: Bool) throws -> (String?, String?, String?) {
        let names = options ? ("--access-key", "--secret-key", "--token") : ("DEEPLOY_ACCESS_KEY", "DEEPLOY_SECRET_KEY", "DEEPLOY_TOKEN")
        switch (accessKey, secretKey, token) {
        case (_?, _?, nil), (nil, nil, _?):
            return (accessKey, secretKey, token)
        case (_, _, _?):
            throw ValidationError("Both a key pair (\(names.0) and \(names.1)) and a token (\(names.2)) are given; give one or the other.")
        default:
            throw ValidationError("\(names.0) and \(names.1) go together; give both.")
        }
    }

    static func credentials(_ resolved: (accessKey: String?, secretKey: String?, token: String?)) throws(CredentialsError) -> Credentials {
        if let token = resolved.token { return try .deploymentToken(token) }
        return try .personalKeyPair(accessKey: resolved.accessKey ?? "", secretKey: resolved.secretKey ?? "")
    }

    private static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// Writes to a file descriptor, all of it, escaping control characters in messages.
enum Output {
    static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// A message line on standard error, control characters (but line breaks) shown escaped.
    static func error(_ text: String) {
        let escaped = text.unicodeScalars.map { scalar -> String in
            scalar.properties.generalCategory == .control && scalar != "\n" ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
        write(escaped + "\n", to: 2)
    }

    static func json(_ value: JSONValue) {
        write(String(decoding: value.serialized(pretty: true), as: UTF8.self) + "\n", to: 1)
    }
}

/// The upload's progress on standard error, for a file of 16 MiB or more on a terminal.
final class UploadProgress: Sendable {
    private let isEnabled: Bool
    private let state = Mutex<(lastDrawn: ContinuousClock.Instant?, showing: Bool)>((nil, false))

    init(isEnabled: Bool) { self.isEnabled = isEnabled }

    func update(sent: Int, total: Int) {
        guard isEnabled, total >= 16 << 20 else { return }
        let draw = state.withLock { state -> Bool in
            let now = ContinuousClock.now
            if let last = state.lastDrawn, now - last < .milliseconds(100), sent < total { return false }
            state = (now, true)
            return true
        }
        guard draw else { return }
        Output.write("\r\u{1B}[Ksending \(sent >> 20)/\(total >> 20) MiB (\(sent * 100 / max(total, 1))%)", to: 2)
    }

    func clear() {
        let showing = state.withLock { state in
            defer { state.showing = false }
            return state.showing
        }
        if showing { Output.write("\r\u{1B}[K", to: 2) }
    }
}

/// What `send` prints of a 2xx answer: `{"status", "kind", "mediaType", "size", "value"}`
/// (+ `"sha256"` for a binary answer, whose value is null), or as text the JSON value pretty or
/// the binary answer's type, size and SHA-256.
struct SendReport {
    let response: InferenceResponse

    var json: JSONValue {
        var object: JSONObject = [
            "status": .number(JSONNumber(response.status)),
            "kind": response.body.json == nil ? "binary" : "json",
            "mediaType": .string(response.mediaType.description),
            "size": .number(JSONNumber(response.size)),
            "value": response.body.json ?? .null,
        ]
        if let binary = response.body.binary { object["sha256"] = .string(binary.sha256) }
        return .object(object)
    }

    func write(_ format: OutputFormat) {
        switch (format, response.body) {
        case (.json, _): Output.json(json)
        case (.text, .json(let value)): Output.json(value)
        case (.text, .binary(let binary)):
            Output.write("binary: \(binary.mediaType)\nsize: \(binary.size) bytes\nsha256: \(binary.sha256)\n", to: 1)
        }
    }
}
