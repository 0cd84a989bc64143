import DeeployPayload
import Foundation
import Testing

@Suite("CredentialsError")
struct CredentialsErrorTests {
    private static let secret = "s3cr3t-VALUE-9x"

    private func error(_ body: () throws(CredentialsError) -> Credentials) -> CredentialsError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    private func basic(_ text: String) -> String {
        "Basic " + Data(text.utf8).base64EncodedString()
    }

    @Test func emptyKeysAndToken() {
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "", secretKey: "s") } == .emptyAccessKey)
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "a", secretKey: "") } == .emptySecretKey)
        #expect(error { () throws(CredentialsError) in try .deploymentToken("") } == .emptyToken)
        #expect(error { () throws(CredentialsError) in try .parse(authorization: basic(":secret")) } == .emptyAccessKey)
        #expect(error { () throws(CredentialsError) in try .parse(authorization: basic("access:")) } == .emptySecretKey)
        #expect(CredentialsError.emptyAccessKey.description.contains("access key is empty"))
        #expect(CredentialsError.emptySecretKey.description.contains("secret key is empty"))
        #expect(CredentialsError.emptyToken.description.contains("deployment token is empty"))
    }

    @Test func colonInAccessKey() {
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "ab:c", secretKey: "s") }
            == .colonInAccessKey(offset: 2))
        let message = CredentialsError.colonInAccessKey(offset: 2).description
        #expect(message.contains("':' at byte 2"))
        #expect(message.contains("RFC 7617"))
    }

    @Test func controlCharacters() {
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "a\u{7F}", secretKey: "s") }
            == .controlCharacter(.accessKey, offset: 1, found: "\u{7F}"))
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "a", secretKey: Self.secret + "\n") }
            == .controlCharacter(.secretKey, offset: Self.secret.utf8.count, found: "\n"))
        #expect(error { () throws(CredentialsError) in try .personalKeyPair(accessKey: "é", secretKey: "ü\u{85}") }
            == .controlCharacter(.secretKey, offset: 2, found: "\u{85}"))
        #expect(error { () throws(CredentialsError) in try .deploymentToken("ab\tc") }
            == .controlCharacter(.token, offset: 2, found: "\t"))
        let newline = CredentialsError.controlCharacter(.secretKey, offset: 15, found: "\n").description
        #expect(newline.contains("secret key contains the control character LF (U+000A) at byte 15"))
        #expect(newline.contains("remove it"))
        #expect(!newline.contains(Self.secret))
    }

    @Test func authorizationValueWithLineBreak() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Bearer abc\r\n") }
            == .controlCharacter(.authorization, offset: 10, found: "\r"))
        let message = CredentialsError.controlCharacter(.authorization, offset: 10, found: "\r").description
        #expect(message.contains("Authorization value contains the control character CR (U+000D) at byte 10"))
        #expect(message.contains("-w 0"))
    }

    @Test func tokenNotToken68() {
        #expect(error { () throws(CredentialsError) in try .deploymentToken("abc def") } == .tokenNotToken68(offset: 3, found: " "))
        #expect(error { () throws(CredentialsError) in try .deploymentToken("ak:" + Self.secret) } == .tokenNotToken68(offset: 2, found: ":"))
        #expect(error { () throws(CredentialsError) in try .deploymentToken("ab=cd") } == .tokenNotToken68(offset: 2, found: "="))
        #expect(error { () throws(CredentialsError) in try .deploymentToken("==") } == .tokenNotToken68(offset: 0, found: "="))
        #expect(error { () throws(CredentialsError) in try .deploymentToken("tök") } == .tokenNotToken68(offset: 1, found: "ö"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Bearer \"tok\"") }
            == .tokenNotToken68(offset: 7, found: "\""))
        let colon = CredentialsError.tokenNotToken68(offset: 2, found: ":").description
        #expect(colon.contains("':' at byte 2"))
        #expect(colon.contains("RFC 6750"))
        #expect(colon.contains("personal key pair, not a token"))
        #expect(CredentialsError.tokenNotToken68(offset: 2, found: "=").description.contains("only at the end"))
        let nonASCII = CredentialsError.tokenNotToken68(offset: 1, found: "ö").description
        #expect(nonASCII.contains("a non-ASCII character at byte 1"))
        #expect(!nonASCII.contains("ö"))
    }

    @Test func missingScheme() {
        for value in ["", "   ", "QUs6U0s=", "tokenwithoutscheme"] {
            #expect(error { () throws(CredentialsError) in try .parse(authorization: value) } == .missingScheme, "\(value)")
        }
        let message = CredentialsError.missingScheme.description
        #expect(message.contains("Basic BASE64(ACCESS_KEY:SECRET_KEY)"))
        #expect(message.contains("Bearer TOKEN"))
    }

    @Test func unknownScheme() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Token abc") } == .unknownScheme("Token"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Digest x=y") } == .unknownScheme("Digest"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: Self.secret + "$ abc") } == .unknownScheme(nil))
        #expect(CredentialsError.unknownScheme("Token").description.contains(#"scheme "Token" is not one Deeploy accepts"#))
        #expect(CredentialsError.unknownScheme(nil).description.contains("scheme given is not one"))
    }

    @Test func missingCredentials() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic") } == .missingCredentials(scheme: "Basic"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "bearer   ") } == .missingCredentials(scheme: "Bearer"))
        #expect(CredentialsError.missingCredentials(scheme: "Basic").description.contains("no credentials after it"))
    }

    @Test func invalidBase64() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic ak:" + Self.secret) }
            == .invalidBase64(offset: 8, found: ":"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic QUs6U0s=x===") }
            == .invalidBase64(offset: 14, found: "x"))
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic QUs6Ué0s=") }
            == .invalidBase64(offset: 11, found: "\u{FFFD}"))
        let message = CredentialsError.invalidBase64(offset: 8, found: ":").description
        #expect(message.contains("':' at byte 8 of the Authorization value"))
        #expect(message.contains("look unencoded"))
        #expect(message.contains("printf '%s' 'ACCESS_KEY:SECRET_KEY' | base64"))
    }

    @Test func base64Length() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic QUs6U0s") } == .base64Length(7))
        let message = CredentialsError.base64Length(7).description
        #expect(message.contains("7 characters long, which is not a multiple of 4"))
        #expect(message.contains("padding"))
    }

    @Test func echoNewlineTrap() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: basic("access_key:secret_key\n")) }
            == .encodedTrailingNewline)
        #expect(error { () throws(CredentialsError) in try .parse(authorization: basic("access_key:secret_key\r\n")) }
            == .encodedTrailingNewline)
        let message = CredentialsError.encodedTrailingNewline.description
        #expect(message.contains(#"echo "access_key:secret_key" | base64 encodes echo's newline"#))
        #expect(message.contains("printf '%s' 'ACCESS_KEY:SECRET_KEY' | base64"))
        #expect(message.contains("echo -n"))
    }

    /// Issue 21, defect 8: GNU base64 wraps at 76 characters, so a bare `| base64` breaks a
    /// realistic key pair. Every message that gives the recipe shows `deeploy-payload headers`
    /// first, and then only a form that cannot wrap.
    @Test func encodeRecipeCannotWrap() {
        let messages: [CredentialsError] = [
            .invalidBase64(offset: 8, found: ":"), .base64Length(7), .encodedTrailingNewline,
            .basicCredentialsNotUTF8, .basicCredentialsMissingColon, .controlCharacter(.authorization, offset: 82, found: "\n"),
        ]
        for error in messages {
            let message = error.description
            let tool = message.range(of: "deeploy-payload headers")
            let recipe = message.range(of: "printf '%s' 'ACCESS_KEY:SECRET_KEY' | base64")
            #expect(tool != nil, "\(message)")
            #expect(recipe != nil, "\(message)")
            if let tool, let recipe { #expect(tool.lowerBound < recipe.lowerBound, "\(message)") }
            // Recipes, not the description of the echo trap.
            for pipe in message.ranges(of: "'ACCESS_KEY:SECRET_KEY' | base64") {
                let after = message[pipe.upperBound...]
                #expect(after.hasPrefix(" | tr -d '\\n'") || after.hasPrefix(" -w0"), "a wrapping recipe in: \(message)")
            }
        }
    }

    @Test func basicCredentialsNotUTF8() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: "Basic " + Data([0xFF, 0x3A, 0x41]).base64EncodedString()) }
            == .basicCredentialsNotUTF8)
        #expect(CredentialsError.basicCredentialsNotUTF8.description.contains("UTF-8"))
    }

    @Test func basicCredentialsMissingColon() {
        #expect(error { () throws(CredentialsError) in try .parse(authorization: basic(Self.secret)) } == .basicCredentialsMissingColon)
        #expect(CredentialsError.basicCredentialsMissingColon.description.contains("without ':'"))
    }

    @Test func messagesNeverContainTheSecret() {
        let inputs = [
            "Basic ak:" + Self.secret, basic(Self.secret), "Bearer " + Self.secret + " x", Self.secret + "$ abc",
            basic("ak:" + Self.secret + "\n"), "Bearer " + Self.secret + ":", "Basic " + Self.secret,
        ]
        for input in inputs {
            let message = error { () throws(CredentialsError) in try .parse(authorization: input) }?.description ?? ""
            #expect(!message.isEmpty, "\(input)")
            #expect(!message.contains(Self.secret), "\(message)")
            #expect(!message.contains("9x"), "\(message)")
        }
    }
}
