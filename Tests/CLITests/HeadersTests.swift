import Foundation
import StrictJSON
import Testing

@Suite("headers")
struct HeadersTests {
    /// `base64("AK:SK")` as RFC 4648 defines it, computed here rather than written down.
    static let encodedPair = Data("AK:SK".utf8).base64EncodedString()

    @Test func keyPairFromOptionsGivesBasicWithoutNewline() throws {
        let result = try CLI.run(["headers", "--access-key", "AK", "--secret-key", "SK"])
        #expect(result.status == 0)
        #expect(result.stdout == "Content-Type: application/json\nAuthorization: Basic \(Self.encodedPair)\n")
    }

    @Test func tokenFromEnvironment() throws {
        let result = try CLI.run(["headers", "--content-type", "Text/CSV; Charset=utf-8"], environment: ["DEEPLOY_TOKEN": "tok-123"])
        #expect(result.status == 0)
        #expect(result.stdout == "Content-Type: text/csv;charset=utf-8\nAuthorization: Bearer tok-123\n")
    }

    @Test func keyPairFromEnvironment() throws {
        let result = try CLI.run(["headers"], environment: ["DEEPLOY_ACCESS_KEY": "AK", "DEEPLOY_SECRET_KEY": "SK"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Authorization: Basic \(Self.encodedPair)\n"))
    }

    @Test func optionsWinOverEnvironment() throws {
        let result = try CLI.run(["headers", "--token", "from-option"], environment: ["DEEPLOY_TOKEN": "from-env"])
        #expect(result.stdout.contains("Bearer from-option"))
        #expect(!result.stdout.contains("from-env"))
    }

    @Test func organizationIdIsAdded() throws {
        let result = try CLI.run(["headers", "--token", "t", "--organization-id", "org-1"])
        #expect(result.stdout.hasSuffix("organization-id: org-1\n"))
    }

    @Test func jsonIsAnObjectOfNameToValue() throws {
        let result = try CLI.run(["headers", "--format", "json", "--token", "t"])
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["Content-Type", "Authorization"])
        #expect(object["Content-Type"] == "application/json")
        #expect(object["Authorization"] == "Bearer t")
    }

    @Test func forFileUsesTheVerdictsEffectiveType() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["headers", "--token", "t", "--for-file", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Content-Type: image/png\n"))
    }

    @Test func forFileWithContentTypeChecksTheFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cat.png", Samples.png)
        let result = try CLI.run(["headers", "--token", "t", "--for-file", path, "--content-type", "application/json"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("would be rejected: invalid-json"))
    }

    @Test func forMissingFileFails() throws {
        let result = try CLI.run(["headers", "--token", "t", "--for-file", "/no/such/file"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open"))
    }

    @Test func invalidContentTypeFails() throws {
        let result = try CLI.run(["headers", "--token", "t", "--content-type", "video/mp4"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not accepted"))
    }

    @Test func invalidTokenFailsWithoutShowingIt() throws {
        let result = try CLI.run(["headers", "--token", "secretpart:morese\u{1}cret"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("byte"))
        #expect(!result.stderr.contains("secretpart"))
        #expect(!result.stderr.contains("morese"))
    }

    @Test func noCredentialsIsAUsageError() throws {
        let result = try CLI.run(["headers"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("DEEPLOY_TOKEN"))
    }

    @Test func halfAKeyPairIsAUsageError() throws {
        let result = try CLI.run(["headers", "--access-key", "AK"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("without a secret key"))
    }

    @Test func keyPairAndTokenTogetherIsAUsageError() throws {
        let result = try CLI.run(["headers", "--access-key", "AK", "--secret-key", "SK", "--token", "t"])
        #expect(result.status == 2)
    }

    @Test func checkAuthorizationFindsTheEchoNewline() throws {
        // What `echo "AK:SECRETVALUE" | base64` prints.
        let pasted = "Basic " + Data("AK:SECRETVALUE\n".utf8).base64EncodedString()
        let result = try CLI.run(["headers", "--check-authorization", pasted])
        #expect(result.status == 1)
        #expect(result.stdout.contains("scheme: Basic (personal key pair)"))
        #expect(result.stdout.contains("access key: AK\n"))
        #expect(result.stdout.contains("valid: no"))
        #expect(result.stdout.contains("newline"))
        #expect(!result.stdout.contains("SECRETVALUE"))
        #expect(!result.stderr.contains("SECRETVALUE"))
    }

    /// Issue 21, defect 8: a realistic key pair (a UUID and a 40-character secret) piped to
    /// GNU `base64` wraps; the diagnosis recommends the tool itself, then a recipe that does not wrap.
    @Test func checkAuthorizationRecommendsARecipeThatDoesNotWrap() throws {
        let pair = "6f1c2a4e-93b7-4d2e-8a51-0c7f3e9b2d14:" + String(repeating: "s3cr3tK3y", count: 5).prefix(40)
        var encoded = Data(pair.utf8).base64EncodedString()
        encoded.insert("\n", at: encoded.index(encoded.startIndex, offsetBy: 76))
        let result = try CLI.run(["headers", "--check-authorization", "Basic " + encoded])
        #expect(result.status == 1)
        #expect(result.stdout.contains("deeploy-payload headers"))
        #expect(result.stdout.contains("| base64 | tr -d '\\n'") || result.stdout.contains("base64 -w0"))
        #expect(!result.stdout.contains("s3cr3t"))
    }

    /// Issue 21, defect 9: a pasted header line keeps its name; the name is stripped, with a note.
    @Test func checkAuthorizationStripsTheHeaderName() throws {
        let bearer = try CLI.run(["headers", "--check-authorization", "Authorization: Bearer abc.DEF-1"])
        #expect(bearer.status == 0)
        #expect(bearer.stdout.contains("scheme: Bearer (deployment token)"))
        #expect(bearer.stdout.contains("valid: yes"))
        #expect(bearer.stderr.contains("note:"))
        #expect(bearer.stderr.contains("Authorization:"))
        let basic = try CLI.run(["headers", "--check-authorization", "authorization:Basic \(Self.encodedPair)", "--format", "json"])
        #expect(basic.status == 0)
        #expect(try basic.json()["accessKey"] == "AK")
        #expect(basic.stderr.contains("note:"))
    }

    /// Issue 21, defect 9: a trailing CR LF (or a CR left after the shell dropped the LF) is a
    /// Windows line ending, and says so; the rest of the value is still diagnosed.
    @Test func checkAuthorizationNamesAWindowsLineEnding() throws {
        for pasted in ["Basic \(Self.encodedPair)\r\n", "Basic \(Self.encodedPair)\r"] {
            let result = try CLI.run(["headers", "--check-authorization", pasted])
            #expect(result.status == 1)
            #expect(result.stdout.contains("access key: AK\n"))
            #expect(result.stdout.contains("valid: no"))
            #expect(result.stdout.contains("Windows"), "\(result.stdout)")
        }
        let piped = try CLI.run(["headers", "--check-authorization", "-", "--format", "json"], input: .pipe(Array("Basic \(Self.encodedPair)\r\n".utf8)))
        #expect(piped.status == 1)
        let object = try #require(try piped.json().objectValue)
        #expect(object.keys == ["scheme", "kind", "accessKey", "valid", "problem"])
        #expect(object["valid"] == false)
        #expect(object["accessKey"] == "AK")
        #expect(object["problem"]?.stringValue?.contains("Windows") == true)
    }

    @Test func checkAuthorizationAcceptsAValidBearer() throws {
        let result = try CLI.run(["headers", "--check-authorization", "Bearer abc.DEF-1", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try result.json().objectValue)
        #expect(object.keys == ["scheme", "kind", "accessKey", "valid", "problem"])
        #expect(object["scheme"] == "Bearer")
        #expect(object["kind"] == "deploymentToken")
        #expect(object["valid"] == true)
        #expect(object["problem"] == .null)
        #expect(!result.stdout.contains("abc.DEF-1"))
    }

    @Test func checkAuthorizationReadsStandardInput() throws {
        let value = "Basic " + Self.encodedPair + "\n"
        let result = try CLI.run(["headers", "--check-authorization", "-", "--format", "json"], input: .pipe(Array(value.utf8)))
        #expect(result.status == 0)
        #expect(try result.json()["accessKey"] == "AK")
        #expect(try result.json()["valid"] == true)
    }

    @Test func checkAuthorizationRefusesAnOverlongStandardInput() throws {
        let value = "Bearer " + String(repeating: "a", count: 70_000)
        let result = try CLI.run(["headers", "--check-authorization", "-"], input: .file(Array(value.utf8)))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("longer than 64 KiB"))
    }

    @Test func checkAuthorizationUnknownScheme() throws {
        let result = try CLI.run(["headers", "--check-authorization", "Token xyz"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("scheme: unknown"))
        #expect(!result.stdout.contains("xyz"))
    }

    @Test func checkAuthorizationWithCredentialOptionsIsAUsageError() throws {
        let result = try CLI.run(["headers", "--check-authorization", "Bearer x", "--token", "y"])
        #expect(result.status == 2)
    }
}
