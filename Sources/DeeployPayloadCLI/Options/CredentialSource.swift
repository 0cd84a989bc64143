import ArgumentParser
import DeeployPayload

/// Where `headers` takes credentials from: the command line, else the environment.
enum CredentialSource {
    case keyPair(accessKey: String, secretKey: String)
    case token(String)

    static let accessKeyVariable = "DEEPLOY_ACCESS_KEY"
    static let secretKeyVariable = "DEEPLOY_SECRET_KEY"
    static let tokenVariable = "DEEPLOY_TOKEN"
    static let environmentNames = [accessKeyVariable, secretKeyVariable, tokenVariable]

    /// Picks the one source given; options win over the environment.
    /// - Throws: `ValidationError` when none, half a key pair, or both kinds are given.
    init(accessKey: String?, secretKey: String?, token: String?, environment: [String: String]) throws {
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
    func credentials() throws(CredentialsError) -> Credentials {
        switch self {
        case .keyPair(let accessKey, let secretKey): try .personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        case .token(let token): try .deploymentToken(token)
        }
    }
}
