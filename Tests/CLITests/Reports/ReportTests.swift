@testable import DeeployPayloadCLI
import DeeployPayload
import Foundation
import HTTPTypes
import StrictJSON
import Testing

@Suite("VerdictReport")
struct VerdictReportTests {
    @Test func keysAreInTheDocumentedOrder() throws {
        let verdict = try Sniffer().verdict(Array(#"{"a": 1}"#.utf8), declared: "Application/JSON")
        let object = try #require(VerdictReport(path: "x.json", verdict: verdict).json.objectValue)
        #expect(object.keys == VerdictReport.keys)
        #expect(object["declared"] == "application/json")
        #expect(object["effective"] == "application/json")
        #expect(object["size"]?.int64Value == 8)
    }

    @Test func rejectionCarriesCodesNotMessages() throws {
        let verdict = try Sniffer().verdict(Samples.png, declared: "text/plain")
        let object = VerdictReport(path: "cat.png", verdict: verdict).json
        #expect(object["accepted"] == false)
        #expect(object["effective"] == .null)
        #expect(object["reasons"] == .array(verdict.reasonCodes.map { .string($0.rawValue) }))
        #expect(verdict.reasonCodes == [.binaryAsText])
    }

    @Test func failureReportHasThreeKeys() {
        let object = VerdictReport.failureJSON(path: "gone", error: "cannot open")
        #expect(object.objectValue?.keys == ["path", "accepted", "error"])
        #expect(object["accepted"] == false)
        #expect(object["error"] == "cannot open")
    }

    @Test func outcomesUseTheSameObjects() throws {
        let verdict = try Sniffer().verdict(Samples.png, declared: "image/png")
        #expect(InspectionOutcome.verdict(path: "cat.png", verdict).json == VerdictReport(path: "cat.png", verdict: verdict).json)
        #expect(InspectionOutcome.failure(path: "gone", message: "m").json == VerdictReport.failureJSON(path: "gone", error: "m"))
    }
}

@Suite("MediaTypeReport")
struct MediaTypeReportTests {
    @Test func validInputIsNormalised() {
        let object = MediaTypeReport.Entry(input: "Text/Plain; Charset=UTF-8").json
        #expect(object.objectValue?.keys == ["input", "normalized"])
        #expect(object["normalized"] == "text/plain;charset=UTF-8")
    }

    @Test func invalidInputIsNull() {
        #expect(MediaTypeReport.Entry(input: "text").json["normalized"] == .null)
    }

    @Test func textAndJSONAgreeOnValidity() throws {
        let report = MediaTypeReport(values: ["image/png", "text"])
        #expect(!report.allValid)
        let error = #expect(throws: MediaTypeError.self) { try MediaType.parse("text") }
        #expect(report.entries.map(\.text) == ["image/png", "invalid: \(try #require(error))"])
        #expect(report.json[1]?["normalized"] == .null)
        #expect(MediaTypeReport(values: ["image/png"]).allValid)
    }
}

@Suite("HeaderFieldsReport")
struct HeaderFieldsReportTests {
    @Test func jsonKeepsTheFieldOrder() throws {
        let fields = try HTTPFields.deeployRequest(credentials: .deploymentToken("t"), contentType: .imagePNG, organizationID: "org-1")
        let object = try #require(HeaderFieldsReport(fields: fields).json.objectValue)
        #expect(object.keys == ["Content-Type", "Authorization", "organization-id"])
        #expect(object["Authorization"] == "Bearer t")
    }
}

@Suite("SplitReport")
struct SplitReportTests {
    @Test func keysAreInTheDocumentedOrder() throws {
        let split = LogSplitter().splitLazily(
            request: LoggedBody(contentType: nil, bytes: Array(#"{"instances":[1,2]}"#.utf8)),
            response: LoggedBody(contentType: .applicationJSON, bytes: Array(#"{"predictions":[3,4]}"#.utf8)),
            status: 200, endpoint: .predict)
        let folder = try TemporaryFolder()
        let path = folder.path("split.json")
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        SplitReport(split: split).write(.json, to: OutputWriter(descriptor: descriptor))
        close(descriptor)
        let object = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(object.objectValue?.keys == ["requestLog", "predictionLogs"])
        #expect(object["requestLog"]?.objectValue?.keys == ["endpoint", "status", "request", "response", "outcome", "split", "noSplitReason"])
        #expect(object["requestLog"]?["request"]?.objectValue?.keys == ["contentType", "size", "stored", "sha256", "body"])
        #expect(object["requestLog"]?["outcome"] == "split")
        #expect(object["predictionLogs"]?[1]?.objectValue?.keys == ["index", "requestBody", "responseBody"])
        #expect(object["predictionLogs"]?[1]?["responseBody"]?["predictions"]?[0]?.int64Value == 4)
    }
}

@Suite("AuthorizationReport")
struct AuthorizationReportTests {
    @Test func reportNeverHoldsTheSecret() {
        let diagnosis = AuthorizationDiagnosis(authorization: "Basic " + Data("AK:TOPSECRET\n".utf8).base64EncodedString())
        let text = AuthorizationReport(diagnosis: diagnosis).json.jsonString
        #expect(!text.contains("TOPSECRET"))
        #expect(AuthorizationReport(diagnosis: diagnosis).json.objectValue?.keys == ["scheme", "kind", "accessKey", "valid", "problem"])
    }
}

@Suite("DecodeReport")
struct DecodeReportTests {
    /// The report's JSON form, written through an OutputWriter to a file and parsed back.
    private func json(of report: DecodeReport, named name: String) throws -> JSONValue {
        let folder = try TemporaryFolder()
        let path = folder.path(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        try report.write(.json, to: OutputWriter(descriptor: descriptor))
        close(descriptor)
        return try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func jsonBody() throws {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let report = try DecodeReport(decoding: Array(#"{"predictions":[1]}"#.utf8), status: 200, fields: fields, with: ResponseDecoder())
        let object = try json(of: report, named: "json-body.json")
        #expect(object.objectValue?.keys == ["kind", "mediaType", "size", "value"])
        #expect(object["value"]?["predictions"]?[0]?.int64Value == 1)
    }

    @Test func binaryBody() throws {
        var fields = HTTPFields()
        fields[.contentType] = "image/png"
        let report = try DecodeReport(decoding: Samples.png, status: 200, fields: fields, with: ResponseDecoder())
        let object = try json(of: report, named: "binary-body.json")
        #expect(object.objectValue?.keys == ["kind", "mediaType", "size", "sha256"])
        #expect(object["size"]?.int64Value == Int64(Samples.png.count))
    }

    @Test func errorStatusThrows() {
        #expect(throws: ResponseError.self) {
            try DecodeReport(decoding: [], status: 503, fields: HTTPFields(), with: ResponseDecoder())
        }
    }
}
