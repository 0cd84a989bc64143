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
            try self.init(accessKey: accessKey, secretKey: secretKey, token: token, origin: "options")
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
        try self.init(accessKey: fromEnvironment.0, secretKey: fromEnvironment.1, token: fromEnvironment.2, origin: "environment")
    }

    private init(accessKey: String?, secretKey: String?, token: String?, origin: String) throws {
        switch (accessKey, secretKey, token) {
        case (let accessKey?, let secretKey?, nil):
            self = .keyPair(accessKey: accessKey, secretKey: secretKey)
        case (nil, nil, let token?):
            self = .token(token)
        case (_, _, _?):
            throw ValidationError("The \(origin) give both a key pair and a token; give one.")
        case (nil, _?, nil):
            throw ValidationError("The \(origin) give a secret key without an access key; give both.")
        default:
            throw ValidationError("The \(origin) give an access key without a secret key; give both.")
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
