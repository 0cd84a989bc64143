import StrictJSON

/// Everything one pass over a payload learned, before libmagic is asked anything.
struct PayloadFacts: Sendable {
    var size: Int
    var signature: SignatureFormat?
    var json: SniffedJSON
    var isNewlineDelimitedJSON: Bool
    var text: TextEvidence
    var polyglotFindings: [Sniff.PolyglotFinding]
}

extension PayloadFacts {
    /// Examines a complete payload held in memory that no signature matched.
    static func examine(_ bytes: UnsafeRawBufferPointer, json options: JSONOptions) -> PayloadFacts {
        let json = SniffedJSON.of(bytes, options: options)
        let isNDJSON = !json.isValid && NewlineDelimitedJSON.matches(bytes, options: options)
        return PayloadFacts(
            size: bytes.count, signature: nil, json: json, isNewlineDelimitedJSON: isNDJSON, text: TextScanner.scan(bytes),
            polyglotFindings: []
        )
    }
}

/// Newline-delimited JSON: two or more lines, every non-blank one a valid JSON text.
enum NewlineDelimitedJSON {
    /// True when `bytes` is NDJSON. A final line cut off mid-value (as at the end
    /// of a header window) is ignored when `allowTruncatedLastLine` is set.
    static func matches(_ bytes: UnsafeRawBufferPointer, options: JSONOptions, allowTruncatedLastLine: Bool = false) -> Bool {
        var lineStart = 0
        var validLines = 0
        var index = 0
        let count = bytes.count
        while lineStart < count {
            index = lineStart
            while index < count && bytes[index] != 0x0A { index += 1 }
            let isLastLine = index >= count
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index])
            if !isBlank(line) {
                if JSONValidator.isValid(line, options: options) {
                    validLines += 1
                } else if !(isLastLine && allowTruncatedLastLine) {
                    return false
                }
            }
            lineStart = index + 1
        }
        return validLines >= 2
    }

    private static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// Gathers ``PayloadFacts`` from chunks, in memory bounded by the header and
/// tail windows, for payloads too large to hold whole.
struct StreamingFacts {
    private let headerLength: Int
    private let options: JSONOptions
    private var header: [UInt8] = []
    private var tail: [UInt8] = []
    private var size = 0
    private var json: StreamingJSONValidator
    private var jsonFailure: JSONError?
    private var text = TextScanner()

    init(headerLength: Int, json options: JSONOptions) {
        self.headerLength = headerLength
        self.options = options
        self.json = StreamingJSONValidator(options: options)
    }

    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        if header.count < headerLength {
            header.append(contentsOf: chunk.prefix(headerLength - header.count))
        }
        appendToTail(chunk)
        if jsonFailure == nil {
            do { try json.consume(chunk) } catch { jsonFailure = error }
        }
        text.consume(chunk)
        size += chunk.count
    }

    private mutating func appendToTail(_ chunk: UnsafeRawBufferPointer) {
        let keep = PolyglotDetector.tailLength
        if chunk.count >= keep {
            tail = Array(chunk.suffix(keep))
        } else {
            tail.append(contentsOf: chunk)
            if tail.count > 2 * keep { tail.removeFirst(tail.count - keep) }
        }
    }

    /// The facts, and the first bytes, for libmagic.
    mutating func finish() -> (facts: PayloadFacts, header: [UInt8]) {
        if jsonFailure == nil {
            do { try json.finish() } catch { jsonFailure = error }
        }
        let signature = header.withUnsafeBytes { Signatures.match($0) }
        let isNDJSON = jsonFailure != nil && signature == nil && header.withUnsafeBytes {
            NewlineDelimitedJSON.matches($0, options: options, allowTruncatedLastLine: size > header.count)
        }
        let keptTail = Array(tail.suffix(PolyglotDetector.tailLength))
        let polyglot = signature.map { format in
            keptTail.withUnsafeBytes { PolyglotDetector.findings(tail: $0, size: size, format: format) }
        } ?? []
        let facts = PayloadFacts(
            size: size, signature: signature, json: jsonFailure.map { SniffedJSON(.invalid($0)) } ?? .valid,
            isNewlineDelimitedJSON: isNDJSON, text: text.finish(), polyglotFindings: polyglot
        )
        return (facts, header)
    }
}
