import Foundation
import StrictJSON
import Testing

/// Foundation's `JSONSerialization` and ``JSONParser`` read the same generated documents alike.
@Suite struct JSONDifferentialTests {
    @Test func agreesWithFoundationOnGeneratedDocuments() throws {
        var generator = DocumentGenerator(seed: 2_026)
        for round in 0..<3_000 {
            let bytes = generator.document(depth: 3)
            let ours = try JSONParser.parse(bytes)
            let theirs = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            #expect(Self.agree(ours, theirs), "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func bothRejectTheInvalidCorpus() {
        for invalid in Corpus.invalid where invalid.options == JSONOptions() && invalid.kind != .byteOrderMark {
            let foundation = try? JSONSerialization.jsonObject(with: Data(invalid.bytes), options: [.fragmentsAllowed])
            if foundation == nil { #expect(!JSONValidator.isValid(invalid.bytes)) }
        }
    }

    /// Compares values; numbers are compared as integers when both sides are integers,
    /// else as correctly rounded doubles.
    static func agree(_ ours: JSONValue, _ theirs: Any) -> Bool {
        switch ours {
        case .null:
            return theirs is NSNull
        case .bool(let bool):
            return (theirs as? Bool) == bool
        case .number(let number):
            guard let theirs = theirs as? NSNumber else { return false }
            if number.isIntegerLiteral, let integer = number.int64, theirs.int64Value == integer || theirs.doubleValue == Double(integer) {
                return true
            }
            return number.double == theirs.doubleValue
        case .string(let string):
            return (theirs as? String) == string
        case .array(let elements):
            guard let theirs = theirs as? [Any], theirs.count == elements.count else { return false }
            return zip(elements, theirs).allSatisfy { agree($0, $1) }
        case .object(let object):
            guard let theirs = theirs as? [String: Any], theirs.count == object.count else { return false }
            return object.allSatisfy { member in theirs[member.key].map { agree(member.value, $0) } ?? false }
        }
    }
}
