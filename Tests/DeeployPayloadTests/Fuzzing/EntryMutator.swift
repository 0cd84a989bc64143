import DeeployTestSupport
import StrictJSON

/// Mutations of a request/response pair that keep both bodies valid JSON, so that fuzzing
/// reaches the splitting paths that byte mutations almost always break: an entry of the split
/// arrays duplicated in both bodies (the lengths stay equal), removed from one (they differ),
/// replaced with an awkward JSON value, or the arrays rewritten with other whitespace.
enum EntryMutator {
    static let requestKeys = ["instances", "inputs", "prompt"]
    static let responseKeys = ["predictions", "explanations", "choices"]

    /// JSON values a byte-level splitter could get wrong.
    static let awkwardValues = [
        "0", "-0", "1E400", "1.10", "123456789012345678901234567890", #""\"],""#, #""\u00e9\ud83d\ude00""#, "\"é😀\"", "[]",
        "{}", #"{"[": [1]}"#, "null", "[[1], {\"a\": \"]\"}]", "true", #""""#,
    ]
    static let separators = [",", ", ", " ,\n", "\t,\r\n  "]

    static func mutate(request: inout [UInt8], response: inout [UInt8], rng: inout SplitMix64) {
        guard var requestArray = Array(in: request, keys: requestKeys) else { return }
        var responseArray = Array(in: response, keys: responseKeys)
        let count = requestArray.elements.count
        guard count > 0 else { return }
        let entry = rng.below(count)
        switch rng.below(5) {
        case 0:  // duplicated in both: still splittable, one more entry
            requestArray.elements.insert(requestArray.elements[entry], at: entry)
            if var array = responseArray, entry < array.elements.count {
                array.elements.insert(array.elements[entry], at: entry)
                responseArray = array
            }
        case 1:  // removed from the request, or from both
            requestArray.elements.remove(at: entry)
            if rng.oneIn(2), var array = responseArray, entry < array.elements.count {
                array.elements.remove(at: entry)
                responseArray = array
            }
        case 2:  // replaced with an awkward value, on either side
            let value = Swift.Array(rng.pick(awkwardValues).utf8)
            if rng.oneIn(2) {
                requestArray.elements[entry] = value
            } else if var array = responseArray, entry < array.elements.count {
                array.elements[entry] = value
                responseArray = array
            }
        case 3:  // an entry's bytes mutated (often no longer JSON: the invalid-JSON path)
            requestArray.elements[entry] = FuzzInputs.mutate(requestArray.elements[entry], rng: &rng)
        default:  // other whitespace between the entries
            break
        }
        let separator = Swift.Array(rng.pick(separators).utf8)
        request = requestArray.rebuilt(separator: separator)
        if let responseArray { response = responseArray.rebuilt(separator: separator) }
    }

    /// The first of `keys` that is an array member of the top-level object in `body`.
    struct Array {
        var body: [UInt8]
        var value: Range<Int>
        var elements: [[UInt8]]

        init?(in body: [UInt8], keys: [String]) {
            for key in keys {
                guard let value = try? JSONSpans.member(key, in: body),
                    let elements = try? JSONSpans.elements(ofArrayAt: value, in: body)
                else { continue }
                self.body = body
                self.value = value
                self.elements = elements.map { Swift.Array(body[$0]) }
                return
            }
            return nil
        }

        func rebuilt(separator: [UInt8]) -> [UInt8] {
            var bytes = Swift.Array(body[..<value.lowerBound])
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes += separator }
                bytes += element
            }
            bytes.append(UInt8(ascii: "]"))
            return bytes + body[value.upperBound...]
        }
    }
}
