import StrictJSON

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
