public import DeeployPayload
import Foundation
import StrictJSON

/// What a ``Emulator`` serves: where it listens, its deployments, and how it judges and logs.
///
/// ```swift
/// var configuration = EmulatorConfiguration(deployments: [
///     EmulatedDeployment(workspace: "ws", id: "dep", credentials: [try .deploymentToken("t0k3n")], model: .echo),
/// ])
/// configuration.maximumSize = 1 << 20
/// try await Emulator.withRunning(configuration) { emulator in
///     print(emulator.deploymentURL(workspace: "ws", deployment: "dep"))  // http://127.0.0.1:PORT/workspaces/ws/deployments/dep
/// }
/// ```
public struct EmulatorConfiguration: Sendable {
    /// The address to bind, `127.0.0.1` by default (loopback only).
    public var host: String
    /// The port to bind; 0 (the default) lets the system pick a free one, which
    /// ``RunningEmulator/port`` then reports.
    public var port: Int
    /// The deployments served. A request for any other workspace or deployment gets 404.
    public var deployments: [EmulatedDeployment]
    /// The policy bodies are judged by, Deeploy's by default. Its
    /// `AcceptancePolicy/maximumSize` makes a larger body a 413.
    public var policy: AcceptancePolicy
    /// Where binary objects (non-JSON request and response bodies) are stored, one file per
    /// SHA-256; nil for a new directory under the system's temporary directory.
    public var logDirectory: String?
    /// When set to N, every Nth inference call (counted across deployments, from 1) is answered
    /// with 500 and a KServe error body instead of reaching the model: a cheap fault for
    /// testing retries. nil (the default) for none.
    public var failEvery: Int?
    /// The size past which a body of a non-JSON, non-text type (an image, a PDF, an octet
    /// stream) without a Content-Encoding is streamed to disk while the sniffer judges it,
    /// rather than held by the `PayloadGate`: 8 MiB by default. A body without a
    /// Content-Length streams too. Such a body is bounded only by the policy's
    /// `AcceptancePolicy/maximumSize`, not by ``defaultMaximumSize``.
    public var streamingThreshold: Int = 8 << 20

    /// The largest body the emulator holds when no ``policy`` maximum is set: 256 MiB. A JSON
    /// body must be held whole to be split into prediction logs, so there is always a bound
    /// (a streamed body is not held; see ``streamingThreshold``).
    public static let defaultMaximumSize = 256 << 20

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 0, deployments: [EmulatedDeployment],
        policy: AcceptancePolicy = .deeploy, logDirectory: String? = nil, failEvery: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.deployments = deployments
        self.policy = policy
        self.logDirectory = logDirectory
        self.failEvery = failEvery
    }

    /// The deployment at `workspace`/`id`, if it is served.
    public func deployment(workspace: String, id: String) -> EmulatedDeployment? {
        deployments.first { $0.workspace == workspace && $0.id == id }
    }
}

/// One deployment the emulator serves: its address, who may call it, and its model stub.
public struct EmulatedDeployment: Sendable, Hashable {
    /// The workspace id, the `WS` of `/workspaces/WS/deployments/ID`.
    public var workspace: String
    /// The deployment id, the `ID` of `/workspaces/WS/deployments/ID`.
    public var id: String
    /// The credentials accepted, Basic (a personal key pair) or Bearer (a deployment token).
    /// A request with none of them gets 401. Empty means the deployment is open: no
    /// Authorization is needed, though a malformed one is still a 401.
    public var credentials: [Credentials]
    /// The model stub that answers.
    public var model: EmulatedModel

    /// Creates a deployment.
    public init(workspace: String, id: String, credentials: [Credentials] = [], model: EmulatedModel = .echo) {
        self.workspace = workspace
        self.id = id
        self.credentials = credentials
        self.model = model
    }
}

/// The model stub behind an emulated deployment.
public enum EmulatedModel: Sendable, Hashable {
    /// Answers a V1 request's `instances` or `inputs` with `{"predictions": <the same array>}`
    /// (the array's exact bytes), a V2 request (`inputs` of tensors with `name`, `shape` and
    /// `datatype`) with `outputs` that mirror its inputs, `completions` and `chat/completions`
    /// with `choices` that echo the prompt or last message, and a non-JSON body (an image, a
    /// PDF) with one prediction describing it: `{"mediaType", "size", "sha256"}`. Any other
    /// JSON body gets 400 with a KServe error body, `{"error": "..."}`.
    case echo
    /// Answers every call with `body`, sent as `contentType` (JSON or binary).
    case constant(body: [UInt8], contentType: MediaType)

    /// The stub called `name`: `echo`, or `constant` with the file at `responsePath` sent as
    /// `responseType` (sniffed as JSON when the file parses as JSON, else
    /// `application/octet-stream`, when nil).
    public static func named(_ name: String, responsePath: String?, responseType: String?) throws(EmulatorConfigurationError) -> EmulatedModel {
        switch name {
        case "echo":
            if responsePath != nil { throw .invalid("--response is only for the constant model; drop it, or add --model constant.") }
            return .echo
        case "constant":
            guard let responsePath else { throw .invalid("the constant model needs --response FILE, the body it answers with.") }
            guard let data = FileManager.default.contents(atPath: responsePath) else {
                throw .invalid("cannot read the response file \(responsePath): check that it exists and is readable.")
            }
            let bytes = [UInt8](data)
            let type: MediaType
            if let responseType {
                guard let parsed = MediaType(responseType) else {
                    throw .invalid("the response type \(responseType) is not a media type; give one such as application/json or image/png.")
                }
                type = parsed
            } else {
                type = (try? JSONValidator.validate(bytes)) != nil ? .applicationJSON : .applicationOctetStream
            }
            return .constant(body: bytes, contentType: type)
        default:
            throw .invalid("unknown model \(name): use echo or constant.")
        }
    }
}

/// A configuration that cannot be used, with a message saying what to change.
public enum EmulatorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what to do about it.
    case invalid(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}

extension EmulatorConfiguration {
    /// Reads the deployments of a `--config` JSON file:
    ///
    /// ```json
    /// {"deployments": [
    ///   {"workspace": "ws", "id": "dep", "token": "t0k3n", "model": "echo"},
    ///   {"workspace": "ws", "id": "img", "accessKey": "AK", "secretKey": "SK",
    ///    "model": "constant", "response": "cat.png", "responseType": "image/png"}
    /// ]}
    /// ```
    ///
    /// `token`, `tokens` (an array), `accessKey` with `secretKey`, `model` (default `echo`),
    /// `response` (a path, relative to the file's directory) and `responseType` are optional.
    public static func deployments(configFile path: String) throws(EmulatorConfigurationError) -> [EmulatedDeployment] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("cannot read the configuration file \(path): check that it exists and is readable.")
        }
        let root: JSONValue
        do throws(JSONError) { root = try JSONParser.parse([UInt8](data)) } catch {
            throw .invalid("the configuration file \(path) is not valid JSON: \(error)")
        }
        guard case .array(let entries)? = root["deployments"], !entries.isEmpty else {
            throw .invalid(#"the configuration file \#(path) needs a non-empty "deployments" array."#)
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var result: [EmulatedDeployment] = []
        for (index, entry) in entries.enumerated() {
            func string(_ key: String) throws(EmulatorConfigurationError) -> String? {
                switch entry[key] {
                case nil, .null?: return nil
                case .string(let value)?: return value
                default: throw .invalid(#"deployment \#(index + 1) in \#(path): "\#(key)" must be a string."#)
                }
            }
            guard let workspace = try string("workspace"), let id = try string("id") else {
                throw .invalid(#"deployment \#(index + 1) in \#(path) needs "workspace" and "id"."#)
            }
            var tokens: [String] = try string("token").map { [$0] } ?? []
            if case .array(let values)? = entry["tokens"] { tokens += values.compactMap(\.stringValue) }
            let accessKey = try string("accessKey"), secretKey = try string("secretKey")
            if (accessKey == nil) != (secretKey == nil) {
                throw .invalid(#"deployment \#(index + 1) in \#(path): give both "accessKey" and "secretKey", or neither."#)
            }
            let credentials: [Credentials]
            do throws(CredentialsError) {
                credentials = try Self.credentials(tokens: tokens, accessKey: accessKey, secretKey: secretKey)
            } catch {
                throw .invalid("deployment \(index + 1) in \(path): \(error)")
            }
            let response = try string("response").map { $0.hasPrefix("/") ? $0 : base.appendingPathComponent($0).path }
            let model = try EmulatedModel.named(string("model") ?? "echo", responsePath: response, responseType: string("responseType"))
            result.append(EmulatedDeployment(workspace: workspace, id: id, credentials: credentials, model: model))
        }
        return result
    }

    /// The credentials of a deployment: each token, and the key pair when both keys are given.
    public static func credentials(tokens: [String], accessKey: String?, secretKey: String?) throws(CredentialsError) -> [Credentials] {
        var credentials = try tokens.map { (token) throws(CredentialsError) in try Credentials.deploymentToken(token) }
        if let accessKey, let secretKey {
            credentials.append(try .personalKeyPair(accessKey: accessKey, secretKey: secretKey))
        }
        return credentials
    }
}
