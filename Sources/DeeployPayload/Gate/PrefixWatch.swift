import StrictJSON

/// What a body's prefix shows that refuses it whatever follows: the early-refusal rules of
/// ``PayloadGate`` and ``Sniffer/verdict(chunks:declared:policy:stoppingOnceRefused:)``.
///
/// Each rule holds only where no later byte can make the body acceptable: a JSON error at a byte
/// already read (the strict validator reads left to right), a prefix whose every possible type
/// is not the declared image or PDF, and a binary byte in a body declared as text.
struct PrefixWatch {
    let sniffer: Sniffer
    let declared: MediaType?
    /// The strict validator, for a body judged as JSON.
    var json: StreamingJSONValidator?
    /// The type the body's sniff must be (an image, a PDF) until the prefix has been checked.
    var mustBe: Kind?
    /// The text scan, for a body judged by the text rules.
    var text: TextScanner?
    /// A refusal certain before any byte (the declared type), given once the prefix can be
    /// sniffed (``Sniffer/prefixCertaintyLength`` bytes).
    var refusedOnceSniffed: Verdict.Finding?

    enum Kind { case image, pdf }

    /// A watch for a body declared as `declared` (nil for none), judged by `policy`, which
    /// accepts the type the body is judged as (``AcceptancePolicy/certainRejection(declared:parsed:)``
    /// has made sure of that).
    init(sniffer: Sniffer, policy: AcceptancePolicy, declared: MediaType?) {
        self.sniffer = sniffer
        self.declared = declared
        // The type the policy judges the body as, and its rules in the policy's order.
        let effective = declared ?? policy.defaultContentType
        if effective.isJSON {
            json = StreamingJSONValidator(options: sniffer.sniffingJSONOptions)
        } else if effective.isOctetStream {
            // Any bytes are opaque binary.
        } else if effective.isPDF {
            mustBe = .pdf
        } else if effective.isImage {
            mustBe = .image
        } else if effective.isText {
            text = TextScanner()
        }
    }

    /// A finding that refuses the body whatever follows `chunk`, the last chunk of `body`.
    /// `body` may be empty once more than ``Sniffer/prefixCertaintyLength`` bytes have passed.
    mutating func check(_ chunk: some Collection<UInt8>, body: some Collection<UInt8>) throws -> Verdict.Finding? {
        if let refusal = refusedOnceSniffed, body.isEmpty || body.count >= sniffer.prefixCertaintyLength { return refusal }
        if json != nil {
            // An error thrown here is at a byte already read, not at the end: the validator
            // gives the whole body the same error (StreamingJSONValidator's contract), and the
            // policy refuses a body judged as JSON with any error, with this message.
            do throws(JSONError) {
                try json?.consume(chunk)
            } catch {
                json = nil
                return Verdict.Finding(.invalidJSON, AcceptancePolicy.invalidJSONMessage(declared: declared, error))
            }
        }
        if text != nil, let declared {
            let direct: Void? = chunk.withContiguousStorageIfAvailable { text?.consume(UnsafeRawBufferPointer($0)) }
            if direct == nil { Array(chunk).withUnsafeBytes { text?.consume($0) } }
            // Past a byte-order mark that is not UTF-16, a binary byte is binary-as-text (the
            // policy's text rule) whatever follows.
            if let offset = text?.settledBinaryByte {
                text = nil
                return Verdict.Finding(.binaryAsText, AcceptancePolicy.binaryAsTextMessage(declared: declared, offset: offset))
            }
        }
        if let kind = mustBe, body.count >= sniffer.prefixCertaintyLength {
            mustBe = nil
            let possible = body.withContiguousStorageIfAvailable { sniffer.possibleTypes(ofPayloadStartingWith: UnsafeRawBufferPointer($0)) }
                ?? Array(body).withUnsafeBytes { sniffer.possibleTypes(ofPayloadStartingWith: $0) }
            guard let possible else { return nil }
            let declaredEssence = declared?.essence ?? "an image"
            switch kind {
            case .image where !possible.contains(where: \.isImage):
                return Verdict.Finding(.declaredMismatch, "declared \(declaredEssence), but the bytes are not an image: they start as \(possible[0].essence).")
            case .pdf where !possible.contains(where: \.isPDF):
                return Verdict.Finding(.declaredMismatch, "declared application/pdf, but the bytes are not a PDF: they start as \(possible[0].essence).")
            default:
                return nil
            }
        }
        return nil
    }
}

extension Sniffer {
    /// Sniffs a payload arriving in chunks and judges it, as
    /// ``verdict(chunks:declared:policy:)`` does; with `stoppingOnceRefused`, reading also stops
    /// as soon as no later byte can make the payload acceptable.
    ///
    /// The rules are those by which ``PayloadGate`` refuses a body early: a declared value that is
    /// not a media type or a type the policy does not accept (before any byte), the first chunk
    /// past ``AcceptancePolicy/maximumSize``, the first byte a payload judged as JSON fails at, a
    /// prefix that settles every type the sniffer could give and none is the declared image or
    /// PDF, and the first binary byte of a payload declared as text. Otherwise every byte is read.
    ///
    /// A verdict that stopped early is a refusal made on the bytes read: its sniff describes them
    /// (its size is their count), and its reasons are those of those bytes, which include the one
    /// that made the refusal certain. `/dev/zero` declared `text/plain` is refused at its first
    /// chunk.
    public func verdict<Chunks: AsyncSequence>(
        chunks: Chunks, declared: String?, policy: AcceptancePolicy, stoppingOnceRefused: Bool
    ) async throws -> Verdict where Chunks.Element: Collection<UInt8> {
        guard stoppingOnceRefused else { return try await verdict(chunks: chunks, declared: declared, policy: policy) }
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        var watch: PrefixWatch? = PrefixWatch(sniffer: self, policy: policy, declared: parsed)
        // Refused for its declared type before any byte, as the gate refuses it; the first bytes
        // are still read, so that the verdict names what the payload is and what to declare.
        watch?.refusedOnceSniffed = policy.certainRejection(declared: declared, parsed: parsed)
        let read = try await sniff(chunks: chunks, textDetection: textDetection(parsed, policy), readingAtMost: policy.maximumSize, watch: &watch)
        return policy.verdict(for: read, declared: declared, parsed: parsed)
    }
}
