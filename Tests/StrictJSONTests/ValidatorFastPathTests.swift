@testable import StrictJSON
import Testing

/// The validator's fast path may only ever say "certainly valid": whenever it accepts,
/// the scanner must accept too, and it must actually take the common documents.
@Suite struct ValidatorFastPathTests {
    func accepts(_ text: String, maxDepth: Int = 512) -> Bool {
        Array(text.utf8).withUnsafeBytes { ValidatorFastPath.accepts($0, maxDepth: maxDepth) }
    }

    @Test func takesCommonValidDocuments() {
        #expect(accepts(#"{"ok": true, "x": null, "instances": [[1.5, -2, 3e10], [0, 0.25, 7]], "name": "model"}"#))
        #expect(accepts(#"[{"a": "plain string", "b": [1, 2, 3]}, {"a": "x", "b": []}]"#))
        // A number or literal that ends the input is left to the scanner, which accepts it.
        #expect(!accepts("42"))
        #expect(JSONValidator.isValid(Array("42".utf8)))
    }

    @Test(arguments: [
        #"{"a": 1,}"#, "[01]", "[1.]", #"{"a" 1}"#, "[NaN]", "{'a': 1}", #"["\u{1}"]"#, "[1] x", "", "[", #"{"a": [}"#,
        "\u{FEFF}[1]", #"["\ud800"]"#, "[-]", "[1e]", "tru", "[1 2]",
    ])
    func neverTakesInvalidDocuments(text: String) {
        #expect(!accepts(text))
        #expect(!JSONValidator.isValid(Array(text.utf8)))
    }

    @Test func respectsTheDepthLimit() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(!accepts(deep, maxDepth: 10))
        #expect(!JSONValidator.isValid(Array(deep.utf8), options: JSONOptions(maxDepth: 10)))
    }

    /// Soundness on thousands of generated and damaged documents: fast-path acceptance
    /// implies scanner acceptance.
    @Test func acceptanceImpliesTheScannersAcceptance() {
        var generator = DocumentGenerator(seed: 0xFA57_9A7B)
        var accepted = 0
        var unsound: [String] = []
        for round in 0..<4_000 {
            var document = generator.document(depth: 4)
            if round % 2 == 1, !document.isEmpty {
                document[generator.int(below: document.count)] = generator.damage()
            }
            let fast = document.withUnsafeBytes { ValidatorFastPath.accepts($0, maxDepth: 512) }
            guard fast else { continue }
            accepted += 1
            var scanner = StreamingJSONValidator()
            let scannerAccepts = (try? scanner.consume(document)).map { (try? scanner.finish()) != nil } ?? false
            if !scannerAccepts { unsound.append(String(decoding: document.prefix(80), as: UTF8.self)) }
        }
        #expect(accepted > 500)
        #expect(unsound.isEmpty, "\(unsound.prefix(5))")
    }
}
