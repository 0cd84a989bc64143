import DeeployPayload
import Testing

@Suite("DeeployRequestError")
struct DeeployRequestErrorTests {
    /// The error `InferenceTarget.init` throws for these parts, or nil when it makes a target.
    func error(host: String = "example.deeploy.ml", workspace: String = "ws", deployment: String = "dep")
        -> DeeployRequestError?
    {
        do {
            _ = try InferenceTarget(host: host, workspaceID: workspace, deploymentID: deployment)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyInputs() {
        #expect(error(host: "") == .empty(.host))
        #expect(error(host: ":443") == .empty(.host))
        #expect(error(workspace: "") == .empty(.workspaceID))
        #expect(error(deployment: "") == .empty(.deploymentID))
        #expect(DeeployRequestError.empty(.workspaceID).description
            == "The workspace id is empty; an id may contain only letters, digits, '-', '.', '_' and '~'.")
    }

    @Test func pathSeparators() {
        #expect(error(workspace: "a/b") == .pathSeparator(.workspaceID, offset: 1, found: "/"))
        #expect(error(deployment: "..\\x") == .pathSeparator(.deploymentID, offset: 2, found: "\\"))
        #expect(error(host: "evil.com/x") == .pathSeparator(.host, offset: 8, found: "/"))
        let message = DeeployRequestError.pathSeparator(.workspaceID, offset: 1, found: "/").description
        #expect(message.contains("workspace id contains '/' at byte 1, which would change the request path"))
    }

    @Test func dotSegments() {
        #expect(error(workspace: "..") == .dotSegment(.workspaceID))
        #expect(error(deployment: ".") == .dotSegment(.deploymentID))
        #expect(error(deployment: "a..b") == .dotSegment(.deploymentID))
        #expect(error(deployment: ".a.") == nil)
        #expect(DeeployRequestError.dotSegment(.deploymentID).description.contains("'.' or contains '..'"))
    }

    @Test func queryOrFragment() {
        #expect(error(deployment: "d?x=1") == .queryOrFragment(.deploymentID, offset: 1, found: "?"))
        #expect(error(workspace: "w#f") == .queryOrFragment(.workspaceID, offset: 1, found: "#"))
        #expect(error(host: "h.io?x") == .queryOrFragment(.host, offset: 4, found: "?"))
        #expect(DeeployRequestError.queryOrFragment(.deploymentID, offset: 1, found: "?").description
            .contains("'?' at byte 1, which would start a query or fragment"))
    }

    @Test func percentSign() {
        #expect(error(deployment: "%2e%2e") == .percentSign(.deploymentID, offset: 0))
        #expect(DeeployRequestError.percentSign(.deploymentID, offset: 0).description.contains("give the id decoded"))
    }

    @Test func whitespace() {
        #expect(error(workspace: "ws ") == .whitespace(.workspaceID, offset: 2, found: " "))
        #expect(error(deployment: "a\u{A0}b") == .whitespace(.deploymentID, offset: 1, found: "\u{A0}"))
        #expect(error(host: "h .io") == .whitespace(.host, offset: 1, found: " "))
        #expect(error(workspace: "w\tx") == .whitespace(.workspaceID, offset: 1, found: "\t"))
        #expect(DeeployRequestError.whitespace(.workspaceID, offset: 2, found: " ").description
            .contains("a space (U+0020) at byte 2; remove whitespace"))
    }

    @Test func controlCharacters() {
        #expect(error(deployment: "d\u{0}") == .controlCharacter(.deploymentID, offset: 1, found: "\u{0}"))
        #expect(error(host: "h\u{7F}.io") == .controlCharacter(.host, offset: 1, found: "\u{7F}"))
        #expect(DeeployRequestError.controlCharacter(.deploymentID, offset: 1, found: "\u{0}").description
            .contains("control character NUL (U+0000) at byte 1"))
    }

    @Test func disallowedCharacters() {
        #expect(error(deployment: "é") == .disallowedCharacter(.deploymentID, offset: 0, found: "é"))
        #expect(error(workspace: "a;b") == .disallowedCharacter(.workspaceID, offset: 1, found: ";"))
        #expect(error(host: "user@h.io") == .disallowedCharacter(.host, offset: 4, found: "@"))
        #expect(error(host: "h_x.io") == .disallowedCharacter(.host, offset: 1, found: "_"))
        #expect(DeeployRequestError.disallowedCharacter(.host, offset: 4, found: "@").description
            .contains("'@' at byte 4; a host is a DNS name"))
    }

    @Test func tooLong() {
        let long = String(repeating: "a", count: 129)
        #expect(error(deployment: long) == .tooLong(.deploymentID, length: 129, limit: 128))
        #expect(error(deployment: String(repeating: "a", count: 128)) == nil)
        let longHost = Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: ".")
        #expect(error(host: longHost) == .tooLong(.host, length: 304, limit: 259))
        #expect(DeeployRequestError.tooLong(.deploymentID, length: 129, limit: 128).description
            .contains("129 bytes long; at most 128"))
    }

    @Test func hostWithScheme() {
        #expect(error(host: "https://example.deeploy.ml") == .hostHasScheme)
        #expect(DeeployRequestError.hostHasScheme.description.contains("rather than https://"))
    }

    @Test func invalidHostLabels() {
        #expect(error(host: "a..b") == .invalidHostLabel(offset: 2))
        #expect(error(host: ".a") == .invalidHostLabel(offset: 0))
        #expect(error(host: "a.") == .invalidHostLabel(offset: 2))
        #expect(error(host: "-a.b") == .invalidHostLabel(offset: 0))
        #expect(error(host: "a-.b") == .invalidHostLabel(offset: 0))
        #expect(error(host: "ok." + String(repeating: "x", count: 64) + ".io") == .invalidHostLabel(offset: 3))
        #expect(error(host: "ok." + String(repeating: "x", count: 63) + ".io") == nil)
        #expect(DeeployRequestError.invalidHostLabel(offset: 2).description.contains("1 to 63 letters"))
    }

    @Test func invalidPorts() {
        for (host, port) in [("h.io:", ""), ("h.io:0", "0"), ("h.io:65536", "65536"), ("h.io:x", "x"), ("h.io:1:2", "1:2"), ("h.io:+1", "+1")] {
            #expect(error(host: host) == .invalidPort(port), "\(host)")
        }
        #expect(DeeployRequestError.invalidPort("0").description.contains(#"port "0" is not a number from 1 to 65535"#))
    }

    @Test func contentTypeNotAcceptedNamesTheAcceptedTypes() {
        let message = DeeployRequestError.contentTypeNotAccepted(.applicationZip, accepted: .deeploy).description
        #expect(message.contains("application/zip is not accepted"))
        #expect(message.contains("image/*, text/*"))
    }
}
