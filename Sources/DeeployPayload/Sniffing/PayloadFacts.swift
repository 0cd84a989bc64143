import StrictJSON

/// Everything one pass over a payload learned, before libmagic is asked anything.
struct PayloadFacts: Sendable {
    var size: Int
    var signature: SignatureFormat?
    var json: SniffedJSON
    var isNewlineDelimitedJSON: Bool
    var text: TextEvidence
    var polyglotFindings: [PolyglotFinding]
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

extension Sniff {
    /// The sniff of a payload whose signature decided its type, from the checks every payload
    /// gets; libmagic is not asked.
    init(signature format: SignatureFormat, size: Int, text: TextEvidence, json: SniffedJSON, polyglotFindings: [PolyglotFinding]) {
        self.init(
            size: size, mediaType: format.mediaType, charset: format == .svg ? text.provenCharset : nil, evidence: .signature(format),
            text: text, sniffedJSON: json, polyglotFindings: polyglotFindings, libmagicWords: nil
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
