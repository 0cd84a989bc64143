@testable import DeeployPayload
import Foundation
import HTTPTypes
import Testing

@Suite("Credentials")
struct CredentialsTests {
    private static let accessKey = "AKIAEXAMPLEACCESSKEY42"
    private static let secretKey = "wJalrXUtnFEMI-K7MDENG-SECRET-9f8e7d"
    private static let token = "dGhpcy1pcy1hLWRlcGxveW1lbnQtdG9rZW4.SECRET_TOKEN_x9"

    @Test func keyPairGivesBasicAuthorization() throws {
        let credentials = try Credentials.personalKeyPair(accessKey: "AK", secretKey: "SK")
        #expect(credentials.kind == .personalKeyPair)
        #expect(credentials.revealedAuthorizationValue() == "Basic QUs6U0s=")
        let field = credentials.authorizationField()
        #expect(field.name == .authorization)
        #expect(field.value == "Basic QUs6U0s=")
        #expect(!field.value.hasSuffix("\n"))
    }

    @Test func authorizationFieldIsNeverIndexed() throws {
        #expect(try Credentials.deploymentToken("t").authorizationField().indexingStrategy == .disallow)
        #expect(try Credentials.personalKeyPair(accessKey: "a", secretKey: "b").authorizationField().indexingStrategy
            == .disallow)
    }

    @Test func tokenGivesBearerAuthorization() throws {
        let credentials = try Credentials.deploymentToken("abc.DEF-123_~+/==")
        #expect(credentials.kind == .deploymentToken)
        #expect(credentials.revealedAuthorizationValue() == "Bearer abc.DEF-123_~+/==")
        #expect(credentials.authorizationField().value == "Bearer abc.DEF-123_~+/==")
    }

    @Test func secretKeyMayContainColonsAndSpaces() throws {
        let credentials = try Credentials.personalKeyPair(accessKey: "ak", secretKey: "s:e c:r")
        #expect(try Credentials.parse(authorization: credentials.revealedAuthorizationValue()) == credentials)
    }

    @Test(arguments: [
        ("AK", "SK"), ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), ("ключ", "секрет"),
        ("日本", "語:😀"),
    ])
    func parseReadsBackWhatWasWritten(_ accessKey: String, _ secretKey: String) throws {
        let credentials = try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        #expect(try Credentials.parse(authorization: credentials.revealedAuthorizationValue()) == credentials)
    }

    @Test func parseIgnoresSchemeCaseAndSurroundingSpace() throws {
        let pair = try Credentials.personalKeyPair(accessKey: "AK", secretKey: "SK")
        #expect(try Credentials.parse(authorization: "basic QUs6U0s=") == pair)
        #expect(try Credentials.parse(authorization: " \tBASIC   QUs6U0s= ") == pair)
        let token = try Credentials.deploymentToken("tok")
        #expect(try Credentials.parse(authorization: "bearer tok") == token)
        #expect(try Credentials.parse(authorization: "Bearer  tok\t") == token)
    }

    @Test func base64MatchesThePadding() {
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    }

    @Test func base64DecodesWhatItEncodes() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64.decode(Array(Base64.encode(bytes).utf8)) == .success(bytes))
        }
        #expect(Base64.decode(Array("Zg".utf8)) == .failure(.badLength(2)))
        #expect(Base64.decode(Array("Zg=a".utf8)) == .failure(.invalidCharacter(offset: 3)))
        #expect(Base64.decode(Array("Z===".utf8)) == .failure(.invalidCharacter(offset: 3)))
        #expect(Base64.decode(Array("Zm9v\n".utf8)) == .failure(.invalidCharacter(offset: 4)))
    }

    // MARK: Redaction

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
        #expect(CredentialsError.redactedEncoding(.deploymentToken).description.contains("Credentials.Revealed"))
    }

    @Test func revealedEncodesSecretsAndDecodesBack() throws {
        let pair = try Credentials.personalKeyPair(accessKey: Self.accessKey, secretKey: Self.secretKey)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(pair.revealed())
        #expect(String(decoding: data, as: UTF8.self)
            == #"{"accessKey":"\#(Self.accessKey)","kind":"personalKeyPair","secretKey":"\#(Self.secretKey)"}"#)
        #expect(try JSONDecoder().decode(Credentials.Revealed.self, from: data).credentials == pair)
        #expect(try JSONDecoder().decode(Credentials.self, from: data) == pair)

        let token = try Credentials.deploymentToken(Self.token)
        let tokenData = try encoder.encode(Credentials.Revealed(token))
        #expect(String(decoding: tokenData, as: UTF8.self) == #"{"kind":"deploymentToken","token":"\#(Self.token)"}"#)
        #expect(try JSONDecoder().decode(Credentials.Revealed.self, from: tokenData).credentials == token)
        #expect(Credentials.Revealed(token).token == Self.token)
        #expect(pair.revealed().secretKey == Self.secretKey)
        #expect(pair.revealed().accessKey == Self.accessKey)
    }

    /// The former name still names the same type, for one release.
    @available(*, deprecated, message: "checks the deprecated former name")
    @Test func formerNameOfRevealed() {
        #expect(RevealedCredentials.self == Credentials.Revealed.self)
    }

    @Test func decodingChecksTheCredentials() {
        let data = Data(#"{"kind":"personalKeyPair","accessKey":"a:b","secretKey":"s"}"#.utf8)
        #expect(throws: CredentialsError.colonInAccessKey(offset: 1)) {
            try JSONDecoder().decode(Credentials.Revealed.self, from: data)
        }
    }

    // MARK: Compared with Python and the shell

    /// Keys whose lengths cover every padding case, with multi-byte UTF-8, compared with Python.
    private static let oracleKeys: [(String, String)] = [
        ("a", "b"), ("ab", "c"), ("abc", "de"), ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("ключ", "секрет"), ("日本", "語"), ("x", "é😀"), ("user", "pa:ss:word"), ("k", " spaced secret "),
        ("access_key", "secret_key"), (String(repeating: "A", count: 100), String(repeating: "s", count: 77)),
        ("ü", "\u{FF}\u{100}"), ("key+/=", "~!@#$%^&*()"),
    ]

    @Test func basicHeaderIsByteIdenticalToPythonBase64() throws {
        let script = """
            import base64, sys
            args = sys.argv[1:]
            for access, secret in zip(args[0::2], args[1::2]):
                print("Basic " + base64.b64encode((access + ":" + secret).encode("utf-8")).decode("ascii"))
            """
        let arguments = Self.oracleKeys.flatMap { [$0.0, $0.1] }
        let output = try Self.run("/usr/bin/env", ["python3", "-c", script] + arguments)
        let expected = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(expected.count == Self.oracleKeys.count)
        for ((accessKey, secretKey), python) in zip(Self.oracleKeys, expected) {
            let credentials = try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey)
            #expect(Array(credentials.revealedAuthorizationValue().utf8) == Array(python.utf8), "\(accessKey)")
        }
    }

    @Test func echoPipedToBase64IsDiagnosed() throws {
        let encoded = try Self.run("/bin/sh", ["-c", #"echo "access_key:secret_key" | base64"#])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(throws: CredentialsError.encodedTrailingNewline) {
            try Credentials.parse(authorization: "Basic " + encoded)
        }
        let printf = try Self.run("/bin/sh", ["-c", #"printf '%s' 'access_key:secret_key' | base64"#])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Credentials.parse(authorization: "Basic " + printf)
            == Credentials.personalKeyPair(accessKey: "access_key", secretKey: "secret_key"))
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(executable) \(arguments.prefix(2))")
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("AuthorizationDiagnosis")
struct AuthorizationDiagnosisTests {
    @Test func validBasicShowsTheAccessKey() {
        let diagnosis = AuthorizationDiagnosis(authorization: "basic " + Data("AK:SK".utf8).base64EncodedString())
        #expect(diagnosis.scheme == "Basic")
        #expect(diagnosis.kind == .personalKeyPair)
        #expect(diagnosis.accessKey == "AK")
        #expect(diagnosis.isValid)
    }

    @Test func echoNewlineIsNamedAndTheAccessKeyStillShown() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic " + Data("AK:SK\n".utf8).base64EncodedString())
        #expect(diagnosis.problem == .encodedTrailingNewline)
        #expect(diagnosis.accessKey == "AK")
        #expect(!diagnosis.isValid)
    }

    @Test func unencodedBasicIsDiagnosedWithoutKeys() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic AK:SK")
        #expect(diagnosis.scheme == "Basic")
        #expect(diagnosis.accessKey == nil)
        #expect(diagnosis.problem == .invalidBase64(offset: 8, found: ":"))
    }

    @Test func bearerHasNoAccessKey() {
        let diagnosis = AuthorizationDiagnosis(authorization: "  Bearer tok  ")
        #expect(diagnosis.scheme == "Bearer")
        #expect(diagnosis.kind == .deploymentToken)
        #expect(diagnosis.accessKey == nil)
        #expect(diagnosis.isValid)
    }

    @Test func unknownSchemeHasNoKind() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Digest abc")
        #expect(diagnosis.scheme == nil)
        #expect(diagnosis.kind == nil)
        #expect(diagnosis.problem == .unknownScheme("Digest"))
    }
}
