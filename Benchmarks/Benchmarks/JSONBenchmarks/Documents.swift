// 1 MiB documents built in code with a fixed seed, so runs compare the same bytes.
import DeeployTestSupport

extension SplitMix64 {
    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Appends `element(i)` separated by `,\n` inside `[` `]` until the array nears `size` bytes.
func array(ofSize size: Int, _ element: (Int) -> String) -> [UInt8] {
    var bytes: [UInt8] = [0x5B]
    bytes.reserveCapacity(size + 256)
    var index = 0
    while true {
        let next = Array(element(index).utf8)
        if bytes.count + next.count + 3 > size { break }
        if index > 0 { bytes.append(contentsOf: [0x2C, 0x0A]) }
        bytes.append(contentsOf: next)
        index += 1
    }
    bytes.append(0x5D)
    return bytes
}

let mebibyte = 1 << 20

/// (a) An array of floats, as in a tensor payload.
let floatsDocument: [UInt8] = {
    var numbers = SplitMix64(seed: 1)
    return array(ofSize: mebibyte) { _ in String((numbers.unit() - 0.5) * 200) }
}()

/// (b) An array of small objects, each an `Item`.
let objectsDocument: [UInt8] = {
    var numbers = SplitMix64(seed: 2)
    return array(ofSize: mebibyte) { index in
        let price = Double(numbers.next() % 100_000) / 100
        return #"{"id": \#(index), "name": "item-\#(index)", "price": \#(price), "active": \#(index % 3 == 0), "tags": ["a", "tag-\#(index % 7)"]}"#
    }
}()

/// (c) A string-heavy document: prose with escapes and non-ASCII letters.
let stringsDocument: [UInt8] = {
    let phrases = [
        "Deeploy serves models behind a REST API", "naïve café prices rise by 5 € per cup",
        "line one\\nline two\\ttabbed", "quotes \\\"inside\\\" and a backslash \\\\",
        "Ünïcode ✓ 中文 😀", "plain ASCII text that goes on for a while without any escapes at all",
    ]
    return array(ofSize: mebibyte) { index in "\"\(phrases[index % phrases.count]) #\(index)\"" }
}()

/// A V1 inference request of about 1 MiB: `{"instances": [...objects...], "parameters": {...}}`.
let requestDocument: [UInt8] = Array(#"{"parameters": {"threshold": 0.5}, "instances": "#.utf8) + objectsDocument + Array("}".utf8)

let documents: [(String, [UInt8])] = [
    ("floats", floatsDocument), ("small objects", objectsDocument), ("strings", stringsDocument),
]

/// The 5-field struct decoded from ``objectsDocument``.
struct Item: Codable {
    var id: Int
    var name: String
    var price: Double
    var active: Bool
    var tags: [String]
}
