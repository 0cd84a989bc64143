@testable import StrictJSON
import Testing

/// The validator's fast path may only ever say "certainly valid": whenever it accepts,
/// the scanner must accept too, and it must actually take the common documents.
@Suite struct ValidatorFastPathTests {
    func accepts(_ text: String, maxDepth: Int = 512) -> Bool {
        accepts(Array(text.utf8), maxDepth: maxDepth)
    }

    /// The fast path's verdict on a copy of `document` in an allocation of exactly its size,
    /// so that a read past the end is one under AddressSanitizer.
    func accepts(_ document: [UInt8], maxDepth: Int = 512) -> Bool {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: document.count, alignment: 1)
        defer { copy.deallocate() }
        copy.copyBytes(from: document)
        return ValidatorFastPath.accepts(UnsafeRawBufferPointer(copy), maxDepth: maxDepth)
    }

    /// The scanner's verdict, which the fast path must never contradict by accepting.
    func scannerAccepts(_ document: [UInt8]) -> Bool {
        var scanner = StreamingJSONValidator()
        return (try? scanner.consume(document)).map { (try? scanner.finish()) != nil } ?? false
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
            let fast = accepts(document)
            guard fast else { continue }
            accepted += 1
            var scanner = StreamingJSONValidator()
            let scannerAccepts = (try? scanner.consume(document)).map { (try? scanner.finish()) != nil } ?? false
            if !scannerAccepts { unsound.append(String(decoding: document.prefix(80), as: UTF8.self)) }
        }
        #expect(accepted > 500)
        #expect(unsound.isEmpty, "\(unsound.prefix(5))")
    }

    /// Numbers at every offset and distance from the input's end, so each crosses the
    /// edges of the fast path's 32-byte window and its fallback to the scanner. Inside an
    /// array the fast path takes every valid number, so its verdict must equal the scanner's.
    @Test(arguments: [
        "0", "-0", "7", "-12", "12.5", "-0.25", "1234567890123456", "12345678901234567890",
        "0.1234567890123456789012345", "-98.76543210987654", "123456789012345.5", "1.1234567890123456789012345678901",
        "1e5", "1E+5", "-2.5e-3", "0e0", "10.5E-0",
        "01", "-01", "00", "-", "1.", "-.5", ".5", "1.e5", "1e", "1e+", "+1", "1.2.3", "0x10", "1-", "--1", "1..2",
        "-a", "1.5e", "12.", "0.-1", "1.5-", "1e5.5", "1E", "-0.", "9a", "0.0.", "5,", "2.ab",
        // Non-ASCII bytes, whose digit test can carry into the byte above them.
        "1é", "1.5é", "-é", "1.é", "1.2345678é9", "12345678901234567.8é", "1.5\u{7F}", "é1",
    ])
    func numbersAgreeWithTheScanner(number: String) {
        for padding in 0..<40 {
            let spaces = String(repeating: " ", count: padding)
            for text in [
                "[\(spaces)\(number)]", #"{"k": \#(number)\#(spaces)}"#, "[\(number),\(String(repeating: "0,", count: padding))0]",
                "[\(String(repeating: "1,", count: padding))\(number)]",
            ] {
                let document = Array(text.utf8)
                #expect(accepts(document) == scannerAccepts(document), "\(text)")
            }
        }
    }

    /// A piece of string content, valid or not, at every offset in the fast path's 64-byte
    /// blocks of string stops, in strings that share blocks, and at every distance from the
    /// input's end.
    @Test(arguments: [
        Array("é".utf8), Array("中".utf8), Array("😀".utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
        Array(#"\""#.utf8), Array(#"\\"#.utf8), Array("é中😀\u{7F}".utf8), Array(#"\"\\\n\t"#.utf8),
        // The scanner decides these; the fast path may only decline.
        Array(#"\ud800"#.utf8), Array(#"\uDE00"#.utf8), Array(#"\uD83D\uDE00"#.utf8), Array(#"\x"#.utf8), Array(#"\u12"#.utf8),
        [0x01], [0x1F], [0x0A], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0x80], [0xBF], [0xE4, 0xB8], [0xE4, 0x41, 0x80], [0xF0, 0x9F, 0x98], [0xF0, 0x8F, 0xBF, 0xBF], [0xE0, 0x9F, 0xBF], [0xFF],
        [0xC3], [0xC3, 0x22],
    ] as [[UInt8]])
    func stringContentAgreesWithTheScanner(piece: [UInt8]) {
        for before in 0..<66 {
            for after in [0, 1, 7, 15, 16, 17, 31, 63, 64] {
                let body = Array(repeating: UInt8(ascii: "a"), count: before) + piece + Array(repeating: UInt8(ascii: "b"), count: after)
                for document in [
                    [0x22] + body + [0x22], Array("[\"".utf8) + body + Array("\", \"x\", 12345678901234567890]".utf8),
                    Array("{\"".utf8) + body + Array("\": \"".utf8) + body + Array("\"}".utf8),
                    Array("[\"".utf8) + body + Array("\",\"".utf8) + body + Array("\",\"".utf8) + body + Array("\"]".utf8),
                ] {
                    let fast = accepts(document)
                    let scanner = scannerAccepts(document)
                    #expect(!fast || scanner, "\(piece) at \(before), \(after) before the end")
                    // Surrogate escapes are the scanner's alone; everything else valid is taken.
                    if !piece.contains(UInt8(ascii: "u")) || piece == Array(#"\u00e9"#.utf8) {
                        #expect(fast == scanner, "\(piece) at \(before), \(after) before the end")
                    }
                }
            }
        }
    }

    /// Separators, brackets, literals and whitespace at the start and end of the input.
    @Test(arguments: [
        "[true]", "true", " false ", "null", "[null,false,true,null,false,true]", #"{"a":null,"b":false,"c":true}"#,
        "[1] \n", "[1],", "[1,", #"{"a":"#, #"{"a" : 1 }"#, "[ ]", "{ }", "[\t\r\n]", "[,]", "[1,]", "{,}", #"{"a":1,}"#,
        "[}", "{]", "[1}", #"{"a"}"#, #"{"a":1 "b":2}"#, #""abc""#, #" "abc" "#, "[tru]", "[nul]", "[falsey]",
        "[truex,1,2,3,4,5]", "[nullnull,1,2,3]", "[true false]", #"{"a" \#n:\#t1, "b"  :  [ ] , "c":{ } }"#, "]", "}", "[]]",
        "{}}", "[[]", " ", "\n", "", "[] []", #"{"a":1}}"#, #"{1:2}"#, #"{"a"::1}"#, #"{"a":,}"#, "[\u{0B}1]", "[1\u{0C}]",
        #"["a","b":1]"#, #"{"a":1:2}"#, "[1]\u{0}", "\u{0}[1]",
        #"{"a": 1, "b": 2}"#, #"{"a":  1}"#, #"{"a": }"#, #"{"a": ,}"#, #"{"a":1, }"#, #"{"a":1, ""#, #"{"a": ""#,
        #"{"a":1 , "b":2}"#, #"{"a":1,  "b":2}"#, #"{"a": 1, "b": "#, #"{"a": 1, "b""#, #"[1, "a", {"b": [2, "c"]}]"#,
    ])
    func structureAgreesWithTheScanner(text: String) {
        let document = Array(text.utf8)
        #expect(!accepts(document) || scannerAccepts(document))
        // With room after each literal for its one-load check, the fast path takes every valid text.
        let padded = document + Array(repeating: UInt8(ascii: " "), count: 8)
        #expect(accepts(padded) == scannerAccepts(padded) || !text.hasPrefix("[") && !text.hasPrefix("{"), "\(text)")
    }

    /// Nesting in the register bit stack: 64 levels are taken, deeper goes to the scanner,
    /// which still enforces the depth limit, and a closing bracket must match its opener at
    /// every level.
    @Test func nestingBeyondTheRegisterGoesToTheScanner() {
        for depth in [1, 63, 64, 65, 100, 512, 513] {
            let document = Array((String(repeating: #"{"a":["#, count: depth) + "1" + String(repeating: "]}", count: depth)).utf8)
            let levels = depth * 2
            #expect(accepts(document) == (levels <= 64), "\(depth)")
            #expect(JSONValidator.isValid(document) == (levels <= 512), "\(depth)")
        }
        for depth in [10, 32, 64] {
            let opening = (0..<depth).map { $0 % 3 == 0 ? #"{"k":"# : "[" }.joined()
            let closing = (0..<depth).reversed().map { $0 % 3 == 0 ? "}" : "]" }
            #expect(accepts(Array((opening + "0" + closing.joined()).utf8)))
            for swapped in 0..<depth {
                var wrong = closing
                wrong[swapped] = wrong[swapped] == "}" ? "]" : "}"
                let document = Array((opening + "0" + wrong.joined()).utf8)
                #expect(!accepts(document) && !scannerAccepts(document), "\(depth), \(swapped)")
            }
        }
    }

    /// A tensor of numbers in arrays, as inference payloads are: every byte of the fast path's
    /// 64-byte number blocks.
    func tensor(_ generator: inout DocumentGenerator, wrapped: Bool) -> [UInt8] {
        let separators = [", ", ",", ",\n    ", " , ", ",\t"]
        let separator = separators[generator.int(below: separators.count)]
        func numbers(_ depth: Int) -> String {
            let count = 1 + generator.int(below: 8)
            let items = (0..<count).map { _ -> String in
                if depth > 0 && generator.int(below: 3) == 0 { return numbers(depth - 1) }
                // Exponents, which the blocks leave to the token-by-token path, now and then.
                guard generator.int(below: 20) != 0 else {
                    var number: [UInt8] = []
                    generator.number(&number)
                    return String(decoding: number, as: UTF8.self)
                }
                let integer = generator.int(below: 3) == 0 ? "0" : String(1 + generator.int(below: 999))
                let fraction = generator.bool() ? "." + String(generator.int(below: 1_000_000)) : ""
                return (generator.bool() ? "-" : "") + integer + fraction
            }
            return "[" + items.joined(separator: separator) + "]"
        }
        let rows = (0..<(4 + generator.int(below: 12))).map { _ in numbers(2) }.joined(separator: separator)
        return Array((wrapped ? #"{"instances": [\#(rows)], "k": 1}"# : "[\(rows)]").utf8)
    }

    /// Arrays of numbers, valid and with one byte changed, inserted or removed: the number
    /// blocks decide these bytes, and the fast path's verdict must be the scanner's on each.
    @Test func numberArraysAgreeWithTheScanner() {
        var generator = DocumentGenerator(seed: 0x7E_4503)
        let alphabet = Array("0123456789-.,[] \n\te+E{}\"a".utf8) + [0x00, 0xC3]
        var disagreements: [String] = []
        var valid = 0
        for round in 0..<4_000 {
            var document = tensor(&generator, wrapped: round % 3 == 0)
            let taken = accepts(document)
            #expect(taken, "\(String(decoding: document.prefix(200), as: UTF8.self))")
            if round % 6 != 0 {
                let at = generator.int(below: document.count)
                let byte = alphabet[generator.int(below: alphabet.count)]
                switch generator.int(below: 3) {
                case 0: document[at] = byte
                case 1: document.insert(byte, at: at)
                default: document.remove(at: at)
                }
            }
            let scanner = scannerAccepts(document)
            if scanner { valid += 1 }
            if accepts(document) != scanner { disagreements.append(String(decoding: document, as: UTF8.self)) }
        }
        #expect(valid > 1_000)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    /// The number block itself: it takes a tensor's rows up to the last comma or `]` of its 64
    /// bytes, keeps the bracket stack, stops at a `]` that returns to an object or the top, and
    /// declines what it cannot certainly call valid.
    @Test func numberBlocksTakeWhatTheyShould() {
        func run(_ text: String, objects: UInt64 = 0, depth: Int = 1, depthLimit: Int = 64) -> (end: Int, expectsValue: Bool, objects: UInt64, depth: Int)? {
            let bytes = Array(text.utf8) + Array(repeating: UInt8(ascii: " "), count: max(0, 64 - text.utf8.count))
            var objects = objects
            var depth = depth
            return bytes.withUnsafeBytes { buffer in
                NumberArrayBlock.run(buffer.baseAddress!, from: 0, objects: &objects, depth: &depth, depthLimit: depthLimit)
                    .map { ($0.end, $0.expectsValue, objects, depth) }
            }
        }
        let rows = "0.354252, -0.569823], [0.040932, 0.022983], [-12, 3.5, 7, 0], [1, 2"
        let taken = run(rows, depth: 2)
        // The last comma of the first 64 bytes is the one after `0]`, at index 60; the `[` after it
        // is left for the next block.
        #expect(taken?.end == 61 && taken?.expectsValue == true && taken?.depth == 1 && taken?.objects == 0)
        // Back in the object that holds the array: it stops after that `]`.
        let closing = run("1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5], \"k\": [1, 2, 3]", objects: 1 << 1 | 0, depth: 3)
        #expect(closing?.end == 39 && closing?.expectsValue == false && closing?.depth == 2 && closing?.objects == 1)
        // The outermost array closed: it stops there too.
        #expect(run("1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5] ").map { ($0.end, $0.depth) }! == (39, 0))
        // Less than 32 bytes taken is left to the token-by-token path.
        #expect(run("1.5, 2.5, 3.5, 4.5, 5.5, 6.5] ") == nil)
        // Opened arrays count against the depth limit.
        #expect(run("[[[[1.5, 2.5, 3.5, 4.5, 5.5]]]], 1", depth: 1)?.depth == 1)
        #expect(run("[[[[1.5, 2.5, 3.5, 4.5, 5.5]]]], 1", depth: 1, depthLimit: 4) == nil)
        // Invalid numbers and structure are declined: each with more than 32 bytes it could
        // take, so that the rule and not the length decides, as the valid one beside them shows.
        let more = ", 8.5, 9.5, 10.5, 11.5"
        #expect(run("1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7" + more)?.end == 48)
        for text in [
            "01.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7", "1.5, 2.5.1, 3.5, 4.5, 5.5, 6.5, 7", "1.5, -.5, 3.5, 4.5, 5.5, 6.5, 7",
            "1.5, 2., 3.5, 4.5, 5.5, 6.5, 7", "1.5, 2-1, 3.5, 4.5, 5.5, 6.5, 7", "1.5, 2 3, 3.5, 4.5, 5.5, 6.5, 7",
            "1.5, , 3.5, 4.5, 5.5, 6.5, 7", "1.5, [,3], 3.5, 4.5, 5.5, 6.5, 7", "1.5, [3] 4, 3.5, 4.5, 5.5, 6.5, 7",
            "1.5, [3,], 3.5, 4.5, 5.5, 6.5, 7", "-0.5, --1, 3.5, 4.5, 5.5, 6.5, 7", "1.5, 2.5, -01, 4.5, 5.5, 6.5, 7",
            "1.5, 2.5, 3.5[, 4.5, 5.5, 6.5, 7",
        ] {
            #expect(run(text + more) == nil, "\(text)")
        }
        // As are exponents, and blocks of too little.
        #expect(run("1e5, 2.5, 3.5, 4.5, 5.5, 6.5, 7, 8, 9" + more) == nil)
        #expect(run("1, 2]") == nil)
        #expect(run("-0, 0.0, -0.25, 10, 3.5, 4.5, 5.5, 6.5, 7")?.end == 39)
    }

    /// The portable stand-in for `pmovmskb` against a byte-by-byte reference, and the
    /// vector path against it.
    @Test func laneBitsMatchTheirBytes() {
        var generator = DocumentGenerator(seed: 0x1A9E)
        for _ in 0..<10_000 {
            let lanes = generator.next()
            let word = (0..<8).reduce(UInt64(0)) { word, lane in lanes >> lane & 1 == 1 ? word | 0xFF << (8 * lane) : word }
            #expect(ByteClass.laneBits(word) == lanes & 0xFF)
            let high = (lanes >> 8) & 0xFF
            let highWord = (0..<8).reduce(UInt64(0)) { word, lane in high >> lane & 1 == 1 ? word | 0xFF << (8 * lane) : word }
            let vector = unsafeBitCast((word, highWord), to: SIMD16<Int8>.self)
            #expect(StringStopBlock.movemask(vector) == UInt16(lanes & 0xFFFF))
        }
    }
}
