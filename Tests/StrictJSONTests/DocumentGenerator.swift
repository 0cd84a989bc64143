import DeeployTestSupport

/// Seeded random JSON texts with varied whitespace, escapes, UTF-8 and number forms, so
/// that every run of the suite checks the same documents.
struct DocumentGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The next 64 bits of the seeded generator.
    mutating func next() -> UInt64 { random.next() }

    mutating func int(below bound: Int) -> Int { bound <= 0 ? 0 : random.below(bound) }

    mutating func bool() -> Bool { next() & 1 == 1 }

    /// A byte likely to break a document.
    mutating func damage() -> UInt8 {
        let bytes: [UInt8] = [0x2C, 0x5D, 0x7D, 0x22, 0x5C, 0x00, 0xC0, 0xFF, 0x30, 0x2E, 0x65, 0x3A, 0x78, 0xED]
        return bytes[int(below: bytes.count)]
    }

    mutating func document(depth: Int) -> [UInt8] {
        var output: [UInt8] = []
        whitespace(&output)
        value(&output, depth: depth)
        whitespace(&output)
        return output
    }

    private mutating func whitespace(_ output: inout [UInt8]) {
        for _ in 0..<int(below: 3) where int(below: 3) == 0 {
            output.append([0x20, 0x0A, 0x09, 0x0D][int(below: 4)])
        }
    }

    mutating func value(_ output: inout [UInt8], depth: Int) {
        switch int(below: depth > 0 ? 9 : 6) {
        case 0: output.append(contentsOf: "null".utf8)
        case 1: output.append(contentsOf: (bool() ? "true" : "false").utf8)
        case 2, 3: number(&output)
        case 4, 5: string(&output)
        case 6, 7:
            output.append(0x5B)
            for index in 0..<int(below: 5) {
                if index > 0 { output.append(0x2C) }
                whitespace(&output)
                value(&output, depth: depth - 1)
                whitespace(&output)
            }
            output.append(0x5D)
        default:
            output.append(0x7B)
            for index in 0..<int(below: 5) {
                if index > 0 { output.append(0x2C) }
                whitespace(&output)
                output.append(contentsOf: "\"k\(index)\(int(below: 3) == 0 ? "\\u00e9" : "")\"".utf8)
                whitespace(&output)
                output.append(0x3A)
                whitespace(&output)
                value(&output, depth: depth - 1)
            }
            output.append(0x7D)
        }
    }

    mutating func number(_ output: inout [UInt8]) {
        var text = bool() ? "-" : ""
        text += int(below: 4) == 0 ? "0" : String(1 + int(below: 9)) + String(repeating: "7", count: int(below: 6))
        if bool() { text += "." + String(int(below: 100_000)) }
        if int(below: 4) == 0 { text += ["e", "E"][int(below: 2)] + ["", "+", "-"][int(below: 3)] + String(int(below: 300)) }
        output.append(contentsOf: text.utf8)
    }

    mutating func string(_ output: inout [UInt8]) {
        let pieces = [
            "plain", "with space", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\b\f\r"#, #"\u0041"#, #"\u00e9"#,
            #"\uD83D\uDE00"#, "é", "中文", "😀", "\u{7F}", "0123456789abcdef",
        ]
        output.append(0x22)
        for _ in 0..<int(below: 5) { output.append(contentsOf: pieces[int(below: pieces.count)].utf8) }
        output.append(0x22)
    }
}
