import Magic
import StrictJSON

/// How a sniffer reads a payload (in memory, from a file, from a stream) and decides its type:
/// the signature fast path, the strict checks, the built-in text rules or libmagic.
extension Sniffer {
    /// Sniffs a payload, naming text by `textDetection`.
    func sniff(_ payload: Payload, textDetection: TextDetection) throws(SniffError) -> Sniff {
        switch payload.source {
        case .bytes(let bytes): try sniff(bytes, textDetection: textDetection)
        case .collection(let box): try sniff(box.bytes, textDetection: textDetection)
        case .path(let path): try sniff(try FileSource(path: path), textDetection: textDetection)
        case .fileDescriptor(let descriptor): try sniff(try FileSource(borrowing: descriptor), textDetection: textDetection)
        }
    }

    /// Sniffs a file payload, naming text by `textDetection`, only up to its header when it is
    /// larger than `limit`; bytes in memory are sniffed whole, whatever their size.
    func sniff(_ payload: Payload, textDetection: TextDetection, readingAtMost limit: Int?) throws(SniffError) -> BoundedSniff {
        switch payload.source {
        case .bytes, .collection: BoundedSniff(sniff: try sniff(payload, textDetection: textDetection), read: .whole)
        case .path(let path): try sniff(try FileSource(path: path), textDetection: textDetection, readingAtMost: limit)
        case .fileDescriptor(let descriptor): try sniff(try FileSource(borrowing: descriptor), textDetection: textDetection, readingAtMost: limit)
        }
    }

    // MARK: Bytes

    /// Sniffs a payload held in memory, naming text by `textDetection`. libmagic's second look
    /// reads `file` when it is given (the file the bytes were read from), the bytes otherwise.
    func sniff(
        _ bytes: UnsafeRawBufferPointer, textDetection: TextDetection, file: LibmagicSecondLook.Source? = nil
    ) throws(SniffError) -> Sniff {
        let window = UnsafeRawBufferPointer(start: bytes.baseAddress, count: min(bytes.count, configuration.libmagicWindow))
        guard let format = Signatures.match(bytes) else {
            let facts = PayloadFacts.examine(bytes, json: sniffingJSONOptions)
            return try decide(facts, window: window, textDetection: textDetection, secondLook: file ?? .bytes(bytes))
        }
        // The fast path: every image and PDF, on every request. The sniff is made straight from
        // the checks, with no facts to decide from (moving the evidence through them cost a
        // tenth of a small image's verdict).
        let sniff = Sniff(
            signature: format, size: bytes.count, text: TextScanner.scan(bytes), json: .of(bytes, options: sniffingJSONOptions),
            polyglotFindings: PolyglotDetector.findings(in: bytes, format: format)
        )
        return configuration.alwaysDescribe ? try described(sniff, window: window) : sniff
    }

    /// Sniffs a payload held in memory, naming text by `textDetection` (and libmagic's second
    /// look reading `file` when it is given).
    func sniff(_ bytes: [UInt8], textDetection: TextDetection, file: LibmagicSecondLook.Source? = nil) throws(SniffError) -> Sniff {
        // Through the span, whose closure may throw a typed error: a `Result` in between
        // would copy the whole sniff twice, which is a tenth of a small image's verdict.
        try bytes.span.withUnsafeBytes { (buffer) throws(SniffError) in try sniff(buffer, textDetection: textDetection, file: file) }
    }

    /// Sniffs a payload held in memory, naming text by `textDetection`.
    func sniff(_ bytes: some Collection<UInt8>, textDetection: TextDetection) throws(SniffError) -> Sniff {
        let result: Result<Sniff, SniffError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(SniffError) in try sniff(UnsafeRawBufferPointer(buffer), textDetection: textDetection) }
        }
        if let result { return try result.get() }
        return try sniff(Array(bytes), textDetection: textDetection)
    }

    // MARK: Files

    /// Sniffs a file whole, or only its header when it is larger than `limit` (the sniff then
    /// names the type from the header, with the file's size): such a file is judged by its size,
    /// so the rest of it is not read.
    func sniff(_ file: borrowing FileSource, textDetection: TextDetection, readingAtMost limit: Int?) throws(SniffError) -> BoundedSniff {
        guard let limit, file.size > limit else { return BoundedSniff(sniff: try sniff(file, textDetection: textDetection), read: .whole) }
        var sniff = try sniff(try file.read(at: 0, count: configuration.libmagicWindow), textDetection: textDetection)
        sniff.size = file.size
        return BoundedSniff(sniff: sniff, read: .headerOfLargerFile)
    }

    /// Sniffs a file, reading only what is needed: small files whole; for large images and
    /// PDFs the head and tail; other large files in chunks, in bounded memory.
    private func sniff(_ file: borrowing FileSource, textDetection: TextDetection) throws(SniffError) -> Sniff {
        if file.size <= configuration.inMemoryLimit {
            let bytes = try file.read(at: 0, count: file.size)
            return try sniff(bytes, textDetection: textDetection, file: file.secondLookSource)
        }
        let header = try file.read(at: 0, count: max(configuration.libmagicWindow, Signatures.headerLength))
        if let format = header.withUnsafeBytes({ Signatures.match($0) }), format != .svg {
            // A header is enough for a signature; the tail shows what follows the format's end.
            let tailStart = max(0, file.size - PolyglotDetector.tailLength)
            let tail = try file.read(at: tailStart, count: file.size - tailStart)
            let facts = PayloadFacts(
                size: file.size, signature: format,
                json: Self.firstBytesCheck(header),
                isNewlineDelimitedJSON: false,
                text: header.withUnsafeBytes { TextScanner.scan($0) },
                polyglotFindings: tail.withUnsafeBytes { PolyglotDetector.findings(tail: $0, size: file.size, format: format) }
            )
            return try decide(facts, header: header, textDetection: textDetection, secondLook: file.secondLookSource)
        }
        var streaming = StreamingFacts(headerLength: configuration.libmagicWindow, json: sniffingJSONOptions)
        try file.forEachChunk(from: 0, size: configuration.chunkSize) { streaming.consume($0) }
        let finished = streaming.finish()
        return try decide(finished.facts, header: finished.header, textDetection: textDetection, secondLook: file.secondLookSource)
    }

    /// The JSON check of a payload known by its first bytes only; a binary
    /// signature fails at its first byte, which is all the check needs to see.
    private static func firstBytesCheck(_ header: [UInt8]) -> SniffedJSON {
        header.prefix(8).withUnsafeBytes { SniffedJSON.of($0, options: JSONOptions()) }
    }

    // MARK: Streams

    /// Sniffs chunks to their end, or until more than `limit` bytes have come: the sniff then
    /// describes the bytes read so far, and the rest of the stream is never asked for.
    func sniff<Chunks: AsyncSequence>(
        chunks: Chunks, textDetection: TextDetection, readingAtMost limit: Int?
    ) async throws -> BoundedSniff where Chunks.Element: Collection<UInt8> {
        var watch: PrefixWatch?
        return try await sniff(chunks: chunks, textDetection: textDetection, readingAtMost: limit, watch: &watch)
    }

    /// Sniffs chunks as ``sniff(chunks:textDetection:readingAtMost:)`` does, and stops at the
    /// chunk where `watch` finds the payload refused whatever follows.
    func sniff<Chunks: AsyncSequence>(
        chunks: Chunks, textDetection: TextDetection, readingAtMost limit: Int?, watch: inout PrefixWatch?
    ) async throws -> BoundedSniff where Chunks.Element: Collection<UInt8> {
        var gathered: [UInt8] = []
        var streaming: StreamingFacts?
        var count = 0
        var read = BoundedSniff.Read.whole
        var refusal: Verdict.Finding?
        for try await chunk in chunks {
            count += chunk.count
            if var active = streaming {
                streaming = nil
                consume(chunk, into: &active)
                streaming = active
                refusal = try watch?.check(chunk, body: EmptyCollection())
            } else {
                gathered.append(contentsOf: chunk)
                refusal = try watch?.check(chunk, body: gathered)
                if gathered.count > configuration.inMemoryLimit {
                    var active = StreamingFacts(headerLength: configuration.libmagicWindow, json: sniffingJSONOptions)
                    gathered.withUnsafeBytes { active.consume($0) }
                    gathered = []
                    streaming = active
                }
            }
            if let limit, count > limit {
                read = .startOfLongerStream
                break
            }
            if let refusal {
                read = .startUntilRefused(refusal)
                break
            }
        }
        if var active = streaming {
            let finished = active.finish()
            // Only the header is held, which libmagic has seen: there is no second look.
            return BoundedSniff(sniff: try decide(finished.facts, header: finished.header, textDetection: textDetection, secondLook: nil), read: read)
        }
        return BoundedSniff(sniff: try sniff(gathered, textDetection: textDetection), read: read)
    }

    private func consume(_ chunk: some Collection<UInt8>, into facts: inout StreamingFacts) {
        let direct: Void? = chunk.withContiguousStorageIfAvailable { facts.consume(UnsafeRawBufferPointer($0)) }
        if direct == nil { Array(chunk).withUnsafeBytes { facts.consume($0) } }
    }

    // MARK: Prefixes

    /// How many bytes a prefix needs, at least, for ``possibleTypes(ofPayloadStartingWith:)``.
    var prefixCertaintyLength: Int { max(configuration.libmagicWindow, Signatures.decidingLength) + 1 }

    /// For a payload that starts with `prefix` (at least ``prefixCertaintyLength`` bytes), types
    /// that stand for every type the sniffer can give it, as far as being an image or a PDF goes:
    /// if none of them is an image (a PDF), the payload is not sniffed as one, whatever follows.
    /// JSON and NDJSON, which the payload may also turn out to be, are neither. Nil when a
    /// signature may decide the type, or libmagic fails.
    ///
    /// Why the list is complete: with no signature in the prefix there is none in the payload
    /// (``Signatures/decidingLength``). The payload is then JSON, NDJSON, or named from its first
    /// ``SnifferConfiguration/libmagicWindow`` bytes, which are in the prefix: by the built-in text
    /// rules (listed when they are configured, whether or not the payload will turn out to be
    /// text), or by libmagic: its answer is listed, and it stands as it is, unless it is a text
    /// type, which ends as that type, `text/plain` or `application/octet-stream` (none of them an
    /// image or a PDF), or libmagic's second look past the window replaces it, which it does only
    /// with a type that is not an image or a PDF (``LibmagicSecondLook/isUsable(_:)``). The window is shortened exactly as for the whole payload, which is also longer
    /// than the window, and a byte-order mark is read from the first three bytes.
    func possibleTypes(ofPayloadStartingWith prefix: UnsafeRawBufferPointer) -> [MediaType]? {
        precondition(prefix.count >= prefixCertaintyLength, "a prefix shorter than the certainty length decides nothing")
        guard Signatures.match(prefix) == nil else { return nil }
        let window = UnsafeRawBufferPointer(rebasing: prefix.prefix(configuration.libmagicWindow))
        let text = TextScanner.scan(UnsafeRawBufferPointer(rebasing: prefix.prefix(3)))
        guard let report = try? libmagic(textSafePrefix(window, size: prefix.count, text: text), describe: false) else { return nil }
        var types = [MediaType(report.mimeType)?.withoutParameters ?? .applicationOctetStream]
        if configuration.textDetection == .builtIn {
            types.append(BuiltInTextRules.classify(window, byteOrderMark: text.byteOrderMark))
        }
        return types
    }

    // MARK: Deciding

    /// Decides a payload known by its facts and its first bytes, `header`; libmagic's second
    /// look reads `secondLook`, and there is none when it is nil.
    private func decide(
        _ facts: PayloadFacts, header: [UInt8], textDetection: TextDetection, secondLook: LibmagicSecondLook.Source?
    ) throws(SniffError) -> Sniff {
        try header.span.withUnsafeBytes { (header) throws(SniffError) in
            let window = UnsafeRawBufferPointer(rebasing: header.prefix(configuration.libmagicWindow))
            return try decide(facts, window: window, textDetection: textDetection, secondLook: secondLook)
        }
    }

    /// Puts the facts and what decided the type together: a signature found in the header of a
    /// large file or stream, the strict checks, the built-in text rules or libmagic.
    private func decide(
        _ facts: consuming PayloadFacts, window: UnsafeRawBufferPointer, textDetection: TextDetection, secondLook: LibmagicSecondLook.Source?
    ) throws(SniffError) -> Sniff {
        if let format = facts.signature {
            // A signature in the header of a large file or stream decided.
            let sniff = Sniff(signature: format, size: facts.size, text: facts.text, json: facts.json, polyglotFindings: facts.polyglotFindings)
            return configuration.alwaysDescribe ? try described(sniff, window: window) : sniff
        }
        let decision = try classify(facts, window: window, textDetection: textDetection, secondLook: secondLook)
        var description = decision.report?.description
        if description == nil, configuration.alwaysDescribe {
            description = try libmagic(window, describe: true).description
        }
        return Sniff(
            mediaType: decision.type, charset: decision.charset, evidence: decision.evidence, size: facts.size, text: facts.text,
            sniffedJSON: facts.json, polyglotFindings: facts.polyglotFindings,
            libmagicWords: LibmagicWords(description: description, mimeType: decision.report?.mimeType)
        )
    }

    /// `sniff` with libmagic's description of `window`.
    private func described(_ sniff: consuming Sniff, window: UnsafeRawBufferPointer) throws(SniffError) -> Sniff {
        sniff.description = try libmagic(window, describe: true).description
        return sniff
    }

    /// What decided the type of a payload without a signature: the strict checks, the
    /// built-in text rules or libmagic.
    private struct Decision {
        var type: MediaType
        var charset: String?
        var evidence: Sniff.Evidence
        var report: MagicReport? = nil
    }

    private func classify(
        _ facts: PayloadFacts, window: UnsafeRawBufferPointer, textDetection: TextDetection, secondLook: LibmagicSecondLook.Source?
    ) throws(SniffError) -> Decision {
        if facts.size == 0 {
            return Decision(type: .applicationXEmpty, charset: nil, evidence: .empty)
        }
        if facts.json.isValid {
            return Decision(type: .applicationJSON, charset: facts.text.provenCharset ?? "utf-8", evidence: .strictJSON)
        }
        if facts.isNewlineDelimitedJSON {
            return Decision(type: .applicationNDJSON, charset: facts.text.provenCharset ?? "utf-8", evidence: .newlineDelimitedJSON)
        }

        if textDetection == .builtIn, facts.text.isUTF16Text || facts.text.isUTF8Text {
            let type = BuiltInTextRules.classify(window, byteOrderMark: facts.text.byteOrderMark)
            return Decision(type: type, charset: facts.text.provenCharset, evidence: .builtInText)
        }
        let report: MagicReport
        do {
            report = try libmagic(textSafePrefix(window, size: facts.size, text: facts.text), describe: configuration.alwaysDescribe)
        } catch .libmagic(.analysisFailed(let message, _)) {
            // libmagic gives up on some contents (UTF-32 with a code unit above U+10FFFF,
            // found by fuzzing). Content it cannot name is opaque binary, not a failed request.
            return Decision(type: .applicationOctetStream, charset: nil, evidence: .libmagicFailed(message: message))
        }
        let reported = MediaType(report.mimeType)?.withoutParameters ?? .applicationOctetStream
        let saysText = reported.isText || reported.hasSameEssence(as: .applicationJSON) || reported.hasSameEssence(as: .applicationNDJSON)
        guard saysText else {
            if let secondLook, LibmagicSecondLook.isWorthIt(firstAnswer: report.mimeType, window: window, size: facts.size),
               let further = libmagicSecondLook(secondLook), let type = MediaType(further.mimeType)?.withoutParameters,
               LibmagicSecondLook.isUsable(type) {
                return Decision(type: type, charset: nil, evidence: .libmagic, report: further)
            }
            let charset = report.encoding.flatMap { $0 == "binary" ? nil : $0 }
            return Decision(type: reported, charset: charset, evidence: .libmagic, report: report)
        }
        if !facts.text.isUTF16Text, let offset = facts.text.firstBinaryByte {
            return Decision(type: .applicationOctetStream, charset: nil, evidence: .binaryBytesInText(offset: offset), report: report)
        }
        let charset = facts.text.provenCharset ?? report.encoding
        if !reported.isText {
            // libmagic's JSON and NDJSON checks are looser than RFC 8259; the strict
            // checks above already said no.
            return Decision(type: .textPlain, charset: charset, evidence: .invalidJSONAsText, report: report)
        }
        return Decision(type: reported, charset: charset, evidence: .libmagic, report: report)
    }

    /// The window, shortened so that it does not end inside a UTF-8 sequence, which
    /// would make libmagic doubt that the text is text.
    private func textSafePrefix(_ window: UnsafeRawBufferPointer, size: Int, text: TextEvidence) -> UnsafeRawBufferPointer {
        guard window.count < size, text.byteOrderMark?.isUTF16 != true else { return window }
        var end = window.count
        var steps = 0
        while end > 0 && steps < 4 && window[end - 1] & 0xC0 == 0x80 {
            end -= 1
            steps += 1
        }
        if end > 0 && window[end - 1] >= 0xC0 { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: window[0..<end])
    }

    /// libmagic's answer from reading `source` as a file (see ``LibmagicSecondLook``), or nil.
    private func libmagicSecondLook(_ source: LibmagicSecondLook.Source) -> MagicReport? {
        let describe = configuration.alwaysDescribe
        let answer = try? pool.withCookie { (cookie: inout MagicCookie) -> MagicReport? in
            LibmagicSecondLook.answer(source, cookie: &cookie, describe: describe)
        }
        return answer ?? nil
    }

    private func libmagic(_ bytes: UnsafeRawBufferPointer, describe: Bool) throws(SniffError) -> MagicReport {
        let outcome: Result<MagicReport, MagicError>
        do {
            outcome = try pool.withCookie { (cookie: inout MagicCookie) -> Result<MagicReport, MagicError> in
                do throws(MagicError) {
                    return .success(try cookie.sniff(bytes, detail: describe ? .description : []))
                } catch {
                    return .failure(error)
                }
            }
        } catch let error as MagicError {
            // The body throws nothing: this is opening a cookie, which loads the database.
            outcome = .failure(error)
        } catch {
            outcome = .failure(.analysisFailed(message: "\(error)", errno: 0))
        }
        switch outcome {
        case .success(let report): return report
        case .failure(let error): throw .libmagic(error)
        }
    }
}
