import DeeployPayload
import Logging

/// What deeploy-gateway runs with: where it listens, where it forwards, and the policy it
/// judges bodies by. Built from the command line, with environment variables as fallbacks.
struct GatewaySettings: Sendable, Equatable {
    /// The upstream every accepted request goes to.
    var upstream: UpstreamURL
    /// The address to listen on.
    var host: String = "127.0.0.1"
    /// The port to listen on; 0 for any free port (the bound one is printed).
    var port: Int = 8080
    /// The largest request body accepted, decoded, in bytes.
    var maximumSize: Int = GatewaySettings.defaultMaximumSize
    /// Whether the strict policy judges bodies.
    var isStrict = false
    /// Whether a malformed Authorization is refused with 401.
    var checksAuthorization = false
    /// How long the upstream may stay silent, connecting or while answering, in seconds.
    var upstreamTimeout: Int = 60
    /// The log level.
    var logLevel: Logger.Level = .info

    /// 10 MiB: a gateway holds each body it accepts until it is forwarded, so it needs a limit.
    static let defaultMaximumSize = 10 << 20

    /// The policy bodies are judged by.
    var policy: AcceptancePolicy {
        var policy = isStrict ? AcceptancePolicy.strict : AcceptancePolicy.deeploy
        policy.maximumSize = maximumSize
        return policy
    }
}

/// The environment variables deeploy-gateway reads when a flag is not given.
enum GatewayEnvironment {
    static let upstream = "DEEPLOY_GATEWAY_UPSTREAM"
    static let host = "DEEPLOY_GATEWAY_HOST"
    static let port = "DEEPLOY_GATEWAY_PORT"
    static let maximumSize = "DEEPLOY_GATEWAY_MAX_SIZE"
    static let strict = "DEEPLOY_GATEWAY_STRICT"
    static let checkAuthorization = "DEEPLOY_GATEWAY_CHECK_AUTHORIZATION"
    static let upstreamTimeout = "DEEPLOY_GATEWAY_UPSTREAM_TIMEOUT"
    static let logLevel = "DEEPLOY_GATEWAY_LOG_LEVEL"

    /// A boolean variable: `1`, `true`, `yes` or `on` for true, `0`, `false`, `no`, `off` or
    /// empty for false (any case); nil for anything else.
    static func flag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off", "": false
        default: nil
        }
    }
}

/// The upstream's base URL: `http://host:port` with an optional path prefix that every
/// forwarded path is appended to.
struct UpstreamURL: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    var scheme: String
    /// The host and port, as given (`[::1]:8080`, `model.internal`).
    var authority: String
    /// The path prefix without a trailing slash; empty for none.
    var pathPrefix: String

    /// Parses `http://host[:port][/prefix]`; nil with a reason for anything else.
    static func parse(_ text: String) -> Result<UpstreamURL, UpstreamURLError> {
        let lowered = text.lowercased()
        let scheme: String
        if lowered.hasPrefix("http://") { scheme = "http" } else if lowered.hasPrefix("https://") { scheme = "https" } else {
            return .failure(UpstreamURLError(text: text, problem: "it does not start with http:// or https://"))
        }
        let rest = text.dropFirst(scheme.count + 3)
        if rest.contains("?") || rest.contains("#") {
            return .failure(UpstreamURLError(text: text, problem: "it has a query or fragment; give the base URL only"))
        }
        let authority = rest.prefix { $0 != "/" }
        if authority.isEmpty || authority.contains("@") || authority.contains(where: { $0 == " " || $0.isNewline }) {
            return .failure(UpstreamURLError(text: text, problem: "it has no host, or its host holds a space or credentials"))
        }
        var prefix = String(rest.dropFirst(authority.count))
        while prefix.hasSuffix("/") { prefix.removeLast() }
        return .success(UpstreamURL(scheme: scheme, authority: String(authority), pathPrefix: prefix))
    }

    /// The URL to forward a request for `target` (its path and query, as received) to.
    func url(forTarget target: String) -> String {
        let relative = target.hasPrefix("/") ? target : "/" + target
        return "\(scheme)://\(authority)\(pathPrefix)\(relative)"
    }

    /// The base URL.
    var description: String { "\(scheme)://\(authority)\(pathPrefix)" }
}

/// An upstream URL deeploy-gateway cannot forward to.
struct UpstreamURLError: Error, Equatable, CustomStringConvertible {
    /// The text given.
    var text: String
    /// What is wrong with it.
    var problem: String

    var description: String {
        "the upstream \(text.debugDescription) is not a URL the gateway can forward to: \(problem). Give one like http://127.0.0.1:8080 or http://model.internal:8080/v1."
    }
}
