import DeeployPayload
import DeeployTestSupport
import Foundation
import HTTPTypes
import StrictJSON
import Testing

/// The examples of the DocC article "Getting Started", compiled and run. Each test holds one
/// example word for word between its set-up and its expectations, and
/// `everyExampleOfTheArticleIsHere` fails when the article shows code that is not in this file.
@Suite("Getting Started")
struct GettingStartedTests {
    static let article = TestFiles.packageRoot
        .appendingPathComponent("Sources/DeeployPayload/DeeployPayload.docc/GettingStarted.md")

    @Test func everyExampleOfTheArticleIsHere() throws {
        let article = try String(contentsOf: Self.article, encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let sourceLines = Self.trimmedLines(source)
        let examples = Self.swiftBlocks(in: article)
        #expect(examples.count == 8)
        for example in examples {
            let lines = Self.trimmedLines(example)
            let found = (0...(sourceLines.count - lines.count)).contains { start in
                Array(sourceLines[start..<start + lines.count]) == lines
            }
            #expect(found, "the article's example is not compiled by GettingStartedTests:\n\(example)")
        }
    }

    @Test func judgeAFile() throws {
        let path = try TestFiles.write(Payloads.png(), named: "cat.png", inFolder: "getting-started")

        let sniffer = try Sniffer()
        let verdict = try sniffer.verdict(.file(path: path), declared: "image/png")
        let contentTypeToSend = verdict.isAccepted ? verdict.effectiveContentType : nil
        let whyNot = verdict.reasons.map(\.message)

        #expect(contentTypeToSend == .imagePNG)
        #expect(whyNot.isEmpty)
        let undeclared = try sniffer.verdict(.file(path: path), declared: nil)
        #expect(undeclared.reasonCodes == [.invalidJSON])
        #expect(undeclared.suggestedContentType == .imagePNG)
    }

    @Test func chooseTheContentType() throws {
        let path = try TestFiles.write(Payloads.png(), named: "dog.png", inFolder: "getting-started")
        let sniffer = try Sniffer()

        let sending = try sniffer.sendingVerdict(.file(path: path), declared: nil)
        let recommended = sending.effectiveContentType

        #expect(recommended == .imagePNG)
    }

    @Test func beStricter() throws {
        let sniffer = try Sniffer()
        let body = Array(#"{"instances": [[1, 2], [3, 4]]}"#.utf8) + [UInt8](repeating: 0x20, count: 11 << 20)

        var policy = AcceptancePolicy.strict
        policy.maximumSize = 10 << 20
        let strict = try sniffer.verdict(.bytes(body), declared: "application/json", policy: policy)
        let codes = strict.reasonCodes + strict.warningCodes

        #expect(!strict.isAccepted)
        #expect(codes == [.tooLarge])
    }

    @Test func judgeAStream() async throws {
        let sniffer = try Sniffer()
        var policy = AcceptancePolicy.deeploy
        policy.maximumSize = 1_000
        let chunks = AsyncStream<[UInt8]> { continuation in
            for _ in 0..<100 { continuation.yield(Array("a,b,c\n".utf8) + [UInt8](repeating: 0x31, count: 100)) }
            continuation.finish()
        }

        let streamed = try await sniffer.verdict(chunks: chunks, declared: "text/csv", policy: policy)
        let refusedForSize = streamed.reasonCodes == [.tooLarge]

        #expect(refusedForSize)
        #expect(streamed.sniff.size < 100 * 106)
    }

    @Test func buildTheRequest() throws {
        let accessKey = "AK"
        let secretKey = "SK"

        let credentials = try Credentials.personalKeyPair(accessKey: accessKey, secretKey: secretKey)
        let target = try InferenceTarget(host: "example.deeploy.ml", workspaceID: "ws-1", deploymentID: "dep-1")
        let request = try target.makeRequest(endpoint: .predict, credentials: credentials, contentType: .imagePNG)
        let url = request.url
        let authorization = request.headerFields[.authorization]

        #expect(url == "https://api.example.deeploy.ml/workspaces/ws-1/deployments/dep-1/predict")
        #expect(authorization == "Basic QUs6U0s=")
        #expect(!request.description.contains("QUs6U0s="))
    }

    @Test func diagnoseAPastedAuthorization() {
        let pasted = "Basic QUs6U0sK"  // echo "AK:SK" | base64

        let problem: CredentialsError?
        do {
            _ = try Credentials.parse(authorization: pasted)
            problem = nil
        } catch {
            problem = error
        }

        #expect(problem == .encodedTrailingNewline)
    }

    @Test func decodeTheResponse() throws {
        let sniffer = try Sniffer()
        let responseFields: HTTPFields = [.contentType: "application/json"]
        let responseBody = Array(#"{"predictions": [1, 0]}"#.utf8)
        var predictions = 0
        var digest = ""

        let decoder = ResponseDecoder(sniffer: sniffer)
        let answer = try decoder.decode(status: 200, fields: responseFields, body: responseBody)
        switch answer {
        case .json(let value):
            predictions = value["predictions"]?.arrayValue?.count ?? 0
        case .binary(let binary):
            digest = binary.sha256
        }

        #expect(predictions == 2)
        #expect(digest.isEmpty)
    }

    @Test func seeWhatDeeployLogs() {
        let requestBody = Array(#"{"instances": [[1, 2], [3, 4], [5, 6]]}"#.utf8)
        let responseBody = Array(#"{"predictions": [1, 0, 1]}"#.utf8)

        let split = LogSplitter().split(
            request: LoggedBody(contentType: .applicationJSON, bytes: requestBody),
            response: LoggedBody(contentType: .applicationJSON, bytes: responseBody),
            status: 200, endpoint: .predict
        )
        let predictionLogs = split.predictionLogs.count

        #expect(predictionLogs == 3)
        // Each prediction log holds the request with its one instance.
        #expect(split.predictionLogs[1].requestBody == Array(#"{"instances": [[3, 4]]}"#.utf8))
    }

    /// The code of every ```swift block of a Markdown text.
    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if let block = current, line == "```" {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The lines of `text` without their indentation, empty lines dropped.
    static func trimmedLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
