package import ArgumentParser
package import DeeployPayload

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `headers` and `deeploy-send` take credentials from: the command line, else the
/// environment.
package enum CredentialSource {
    /// A personal key pair, sent as Basic.
    case keyPair(accessKey: String, secretKey: String)
    /// A deployment token, sent as Bearer.
    case token(String)

    /// The variable that holds an access key.
    package static let accessKeyVariable = "DEEPLOY_ACCESS_KEY"
    /// The variable that holds a secret key.
    package static let secretKeyVariable = "DEEPLOY_SECRET_KEY"
    /// The variable that holds a deployment token.
    package static let tokenVariable = "DEEPLOY_TOKEN"
    /// The three variables credentials are read from.
    package static let environmentNames = [accessKeyVariable, secretKeyVariable, tokenVariable]

    /// The values of ``environmentNames`` that are set in this process's environment.
    package static var processEnvironment: [String: String] {
        var values: [String: String] = [:]
        for name in environmentNames {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }

    /// Picks the one source given; options win over the environment.
    /// - Throws: `ValidationError` when none, half a key pair, or both kinds are given.
    package init(accessKey: String?, secretKey: String?, token: String?, environment: [String: String]) throws {
        if accessKey != nil || secretKey != nil || token != nil {
            try self.init(accessKey: accessKey, secretKey: secretKey, token: token, names: Self.optionNames)
            return
        }
        let fromEnvironment = (
            environment[Self.accessKeyVariable], environment[Self.secretKeyVariable], environment[Self.tokenVariable]
        )
        guard fromEnvironment.0 != nil || fromEnvironment.1 != nil || fromEnvironment.2 != nil else {
            throw ValidationError(
                "No credentials: give --access-key and --secret-key, or --token, or set \(Self.accessKeyVariable) "
                    + "and \(Self.secretKeyVariable), or \(Self.tokenVariable)."
            )
        }
        try self.init(accessKey: fromEnvironment.0, secretKey: fromEnvironment.1, token: fromEnvironment.2, names: Self.variableNames)
    }

    /// How the messages name each credential, by where it came from.
    private struct Names {
        let accessKey: String
        let secretKey: String
        let token: String
        /// "give" or "set".
        let verb: String
        /// "given" or "set".
        let given: String
    }

    private static let optionNames = Names(accessKey: "--access-key", secretKey: "--secret-key", token: "--token", verb: "give", given: "given")
    private static let variableNames = Names(accessKey: accessKeyVariable, secretKey: secretKeyVariable, token: tokenVariable, verb: "set", given: "set")

    private init(accessKey: String?, secretKey: String?, token: String?, names: Names) throws {
        switch (accessKey, secretKey, token) {
        case (let accessKey?, let secretKey?, nil):
            self = .keyPair(accessKey: accessKey, secretKey: secretKey)
        case (nil, nil, let token?):
            self = .token(token)
        case (_, _, _?):
            throw ValidationError(
                "Both a key pair (\(names.accessKey) and \(names.secretKey)) and a token (\(names.token)) are \(names.given); \(names.verb) one or the other.")
        case (nil, _?, nil):
            throw ValidationError("A secret key (\(names.secretKey)) is \(names.given) without an access key (\(names.accessKey)); \(names.verb) both.")
        default:
            throw ValidationError("An access key (\(names.accessKey)) is \(names.given) without a secret key (\(names.secretKey)); \(names.verb) both.")
        }
    }

    /// The checked credentials. Their errors never contain a secret.
    package func credentials() throws(CredentialsError) -> Credentials {
        switch self {
        case .keyPair(let accessKey, let secretKey): try .personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        case .token(let token): try .deploymentToken(token)
        }
    }
}

/// `--access-key`, `--secret-key` and `--token`, the options ``CredentialSource`` reads before
/// the environment; a command takes them with `@OptionGroup var credentials: CredentialOptions`.
/// Nothing is checked when they are parsed (a command may take none of them, as
/// `headers --check-authorization` does): call ``source(environment:)``.
package struct CredentialOptions: ParsableArguments {
    /// `--access-key`.
    @Option(help: ArgumentHelp("The access key of a personal key pair (or set DEEPLOY_ACCESS_KEY).", valueName: "key"))
    package var accessKey: String?

    /// `--secret-key`.
    @Option(help: ArgumentHelp("The secret key of a personal key pair (or set DEEPLOY_SECRET_KEY).", valueName: "key"))
    package var secretKey: String?

    /// `--token`.
    @Option(help: ArgumentHelp("A deployment token (or set DEEPLOY_TOKEN).", valueName: "token"))
    package var token: String?

    /// No options given.
    package init() {}

    /// Whether any of the three options is given.
    package var isAnyGiven: Bool { accessKey != nil || secretKey != nil || token != nil }

    /// The one source given: these options, else the credentials in `environment`.
    /// - Throws: `ValidationError` when none, half a key pair, or both kinds are given.
    package func source(environment: [String: String] = CredentialSource.processEnvironment) throws -> CredentialSource {
        try CredentialSource(accessKey: accessKey, secretKey: secretKey, token: token, environment: environment)
    }
}

/// `--organization-id`, for the commands that add an organization-id header.
package struct OrganizationOption: ParsableArguments {
    /// `--organization-id`.
    @Option(help: ArgumentHelp("Add an organization-id header.", valueName: "id"))
    package var organizationId: String?

    /// No option given.
    package init() {}
}
