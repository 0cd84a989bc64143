@testable import DeeployPayload
import Foundation
import HTTPTypes
import Testing

@Suite("Credentials")
struct CredentialsTests {
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
