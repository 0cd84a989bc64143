import DeeployPayload
import Foundation
import Testing

extension CredentialsTests {
    private static let accessKey = "AKIAEXAMPLEACCESSKEY42"
    private static let secretKey = "wJalrXUtnFEMI-K7MDENG-SECRET-9f8e7d"
    private static let token = "dGhpcy1pcy1hLWRlcGxveW1lbnQtdG9rZW4.SECRET_TOKEN_x9"

    private static func renderings(of credentials: Credentials) throws -> [String] {
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedInArray = ""
        dump([credentials], to: &dumpedInArray)
        let json = String(decoding: try JSONEncoder().encode(credentials), as: UTF8.self)
        let mirror = Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" }.joined()
        return [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
            String(describing: [credentials]), dumped, dumpedInArray, json, mirror,
            credentials.revealed().description,
        ]
    }

    @Test func keyPairRenderingsHideSecrets() throws {
        let credentials = try Credentials.personalKeyPair(accessKey: Self.accessKey, secretKey: Self.secretKey)
        for rendering in try Self.renderings(of: credentials) {
            #expect(!rendering.contains(Self.secretKey), "\(rendering)")
            #expect(!rendering.contains("SECRET"), "\(rendering)")
            #expect(!rendering.contains(Self.accessKey), "\(rendering)")
            #expect(!rendering.contains(credentials.revealedAuthorizationValue()), "\(rendering)")
        }
    }

    @Test func tokenRenderingsHideSecrets() throws {
        let credentials = try Credentials.deploymentToken(Self.token)
        for rendering in try Self.renderings(of: credentials) {
            #expect(!rendering.contains(Self.token), "\(rendering)")
            #expect(!rendering.contains("SECRET"), "\(rendering)")
            #expect(!rendering.contains("dGhp"), "\(rendering)")
        }
    }

    @Test func renderingsSayWhatKindTheyAre() throws {
        let pair = try Credentials.personalKeyPair(accessKey: Self.accessKey, secretKey: Self.secretKey)
        #expect(pair.description == "personalKeyPair(accessKey: AKIA…(redacted), secretKey: (redacted))")
        #expect(pair.debugDescription == "Credentials.personalKeyPair(accessKey: AKIA…(redacted), secretKey: (redacted))")
        #expect(pair.redactedAccessKey == "AKIA…(redacted)")
        let token = try Credentials.deploymentToken(Self.token)
        #expect(token.description == "deploymentToken((redacted))")
        #expect(token.redactedAccessKey == nil)
        var dumped = ""
        dump(pair, to: &dumped)
        #expect(dumped.contains("personalKeyPair"))
        #expect(dumped.contains("(redacted)"))
    }

    @Test func shortAccessKeysShowNothing() throws {
        let credentials = try Credentials.personalKeyPair(accessKey: "abc", secretKey: "s")
        #expect(credentials.redactedAccessKey == "…(redacted)")
    }

    @Test func encodingIsRedactedAndCannotBeDecoded() throws {
        let pair = try Credentials.personalKeyPair(accessKey: Self.accessKey, secretKey: Self.secretKey)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(pair)
        #expect(String(decoding: data, as: UTF8.self) == #"{"accessKey":"AKIA…(redacted)","kind":"personalKeyPair"}"#)
        #expect(throws: CredentialsError.redactedEncoding(.personalKeyPair)) {
            try JSONDecoder().decode(Credentials.self, from: data)
        }
        let token = try JSONEncoder().encode(try Credentials.deploymentToken(Self.token))
        #expect(String(decoding: token, as: UTF8.self) == #"{"kind":"deploymentToken"}"#)
        #expect(throws: CredentialsError.redactedEncoding(.deploymentToken)) {
            try JSONDecoder().decode(Credentials.self, from: token)
        }
        #expect(CredentialsError.redactedEncoding(.deploymentToken).description.contains("RevealedCredentials"))
    }

    @Test func revealedCredentialsEncodeSecretsAndDecodeBack() throws {
        let pair = try Credentials.personalKeyPair(accessKey: Self.accessKey, secretKey: Self.secretKey)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(pair.revealed())
        #expect(String(decoding: data, as: UTF8.self)
            == #"{"accessKey":"\#(Self.accessKey)","kind":"personalKeyPair","secretKey":"\#(Self.secretKey)"}"#)
        #expect(try JSONDecoder().decode(RevealedCredentials.self, from: data).credentials == pair)
        #expect(try JSONDecoder().decode(Credentials.self, from: data) == pair)

        let token = try Credentials.deploymentToken(Self.token)
        let tokenData = try encoder.encode(RevealedCredentials(token))
        #expect(String(decoding: tokenData, as: UTF8.self) == #"{"kind":"deploymentToken","token":"\#(Self.token)"}"#)
        #expect(try JSONDecoder().decode(RevealedCredentials.self, from: tokenData).credentials == token)
        #expect(RevealedCredentials(token).token == Self.token)
        #expect(pair.revealed().secretKey == Self.secretKey)
        #expect(pair.revealed().accessKey == Self.accessKey)
    }

    @Test func decodingChecksTheCredentials() {
        let data = Data(#"{"kind":"personalKeyPair","accessKey":"a:b","secretKey":"s"}"#.utf8)
        #expect(throws: CredentialsError.colonInAccessKey(offset: 1)) {
            try JSONDecoder().decode(RevealedCredentials.self, from: data)
        }
    }
}
