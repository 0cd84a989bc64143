import DeeployPayload
import StrictJSON
import Testing

@Suite struct NoSplitReasonTests {
    static let error = JSONError(kind: .unexpectedEnd, offset: 4, line: 1, column: 5, expected: "a value", found: nil)
    static let all: [NoSplitReason] = [
        .errorStatus(500), .requestNotJSON(.imagePNG), .binaryResponse(.applicationOctetStream), .invalidJSON(.request, error),
        .notAnObject(.response), .duplicateKey(.request, error), .noSplitArray, .notAnArray(.request, key: "prompt"),
        .noEntries(key: "instances"), .singleEntry(key: "inputs"), .noResponseArray,
        .lengthMismatch(requestKey: "instances", requestCount: 3, responseKey: "predictions", responseCount: 2),
    ]

    @Test func everyCodeIsListedOnce() {
        #expect(Self.all.map(\.code) == NoSplitReason.codes)
        #expect(Set(NoSplitReason.codes).count == NoSplitReason.codes.count)
    }

    @Test func codesAreStable() {
        #expect(NoSplitReason.codes == [
            "error-status", "not-json", "binary-response", "invalid-json", "not-an-object", "duplicate-key",
            "no-split-array", "not-an-array", "no-entries", "single-entry", "no-response-array", "length-mismatch",
        ])
    }

    @Test func descriptionsSayWhatWasFound() {
        #expect(NoSplitReason.errorStatus(500).description == "the response status is 500, not 2xx")
        #expect(NoSplitReason.requestNotJSON(.imagePNG).description == "the request is image/png, not JSON; it is kept as a binary object")
        #expect(NoSplitReason.invalidJSON(.request, Self.error).description.contains("line 1, column 5 (byte 4)"))
        #expect(NoSplitReason.notAnArray(.request, key: "prompt").description == #"the request's "prompt" is not an array"#)
        #expect(NoSplitReason.singleEntry(key: "inputs").description == #"the request's "inputs" has a single entry"#)
        for reason in Self.all { #expect(!reason.description.isEmpty) }
    }

    @Test func outcomeCodes() {
        #expect(SplitOutcome.split(SplitPlan(requestKey: "instances", responseKeys: ["predictions"], count: 2)).code == "split")
        #expect(SplitOutcome.notSplit(.noSplitArray).code == "no-split-array")
        #expect(SplitOutcome.split(SplitPlan(requestKey: "prompt", responseKeys: ["choices"], count: 2)).description
            == "split into 2 prediction logs along prompt and choices")
        #expect(SplitOutcome.notSplit(.noResponseArray).isSplit == false)
    }
}
