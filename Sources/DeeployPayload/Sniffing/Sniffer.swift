public import Magic
public import StrictJSON

/// Finds out what a payload really is: its media type, charset and hidden formats.
///
/// One sniffer serves a whole gateway: it is `Sendable`, and its libmagic calls
/// go through a `MagicPool` (from the `Magic` module) so that no two callers ever share a cookie.
/// libmagic's database is loaded by the first payload that needs libmagic: JSON, NDJSON, empty
/// payloads and those a signature names never do. Call ``loadLibmagic()`` to load it earlier.
///
/// It combines three things:
/// 1. a signature fast path for PNG, JPEG, GIF, WebP, BMP, TIFF, ICO, PDF and SVG,
///    which agrees with libmagic and costs nanoseconds;
/// 2. libmagic, for everything else, shown a bounded window of the payload, and asked again,
///    reading the payload as `file(1)` reads a file, when its first answer names less than
///    `file(1)` would (a PIE executable, a compound document, an ISO 9660 image, a ZIP with
///    data before it);
/// 3. checks of its own where libmagic is wrong or blind: strict JSON over every
///    byte (scalars, a byte-order mark, files beyond libmagic's read limit),
///    newline-delimited JSON, a checked charset, and polyglot detection.
///
/// ```swift
/// let sniffer = try Sniffer()
/// let sniff = try sniffer.sniff(.bytes(bytes))
/// print(sniff.mediaType, sniff.evidence)   // application/json strict JSON validation
///
/// let verdict = try sniffer.verdict(.file(path: "cat.png"), declared: "image/png")
/// print(verdict)                           // accepted as image/png
/// ```
///
/// A payload is named one way, as a ``Payload``, for every question: ``sniff(_:)-(Sniffer.Payload)`` says what
/// it is, ``verdict(_:declared:policy:)-(Sniffer.Payload,_,_)`` whether it may be sent, ``recommendedContentType(for:policy:)-(Sniffer.Payload,_)``
/// which Content-Type to declare, and ``sendingVerdict(_:declared:policy:)`` the verdict a client
/// acts on. A payload arriving as an asynchronous stream of chunks has its own two:
/// ``sniff(chunks:)`` and ``verdict(chunks:declared:policy:)``. To judge one sniff several
/// ways, sniff once and ask ``AcceptancePolicy/verdict(for:declared:)-(Sniff,String?)`` for each.
public final class Sniffer: Sendable {
    /// How this sniffer works.
    public let configuration: SnifferConfiguration
    let pool: MagicPool
    /// The configured JSON options, with a byte-order mark allowed: the policy judges it.
    let sniffingJSONOptions: JSONOptions

    /// Creates a sniffer. It loads libmagic's database when a payload first needs libmagic (see
    /// ``loadLibmagic()``), so a bad database is reported as ``SniffError/libmagic(_:)`` by that
    /// payload's sniff or verdict, not here.
    /// - Throws: ``SniffError/invalidConfiguration(setting:value:minimum:)`` for a window or chunk
    ///   size below 1, or a negative in-memory limit.
    public init(configuration: SnifferConfiguration = SnifferConfiguration()) throws(SniffError) {
        for (setting, value, minimum) in [
            ("libmagicWindow", configuration.libmagicWindow, 1), ("chunkSize", configuration.chunkSize, 1),
            ("inMemoryLimit", configuration.inMemoryLimit, 0),
        ] where value < minimum {
            throw .invalidConfiguration(setting: setting, value: value, minimum: minimum)
        }
        self.configuration = configuration
        // Opened on first use: a JSON payload never asks libmagic anything, and the CLI's
        // start-up on one should not pay for loading the database (scripts/startup.sh).
        do {
            self.pool = try MagicPool(size: configuration.poolSize, configuration: configuration.magic, opening: .onFirstUse)
        } catch {
            throw .libmagic(error)
        }
        var options = configuration.json
        options.allowByteOrderMark = true
        self.sniffingJSONOptions = options
    }

    /// Loads libmagic's database now, if no payload has needed it yet: a gateway calls this at
    /// start-up to report a bad database before the first request rather than on it.
    /// - Throws: ``SniffError/libmagic(_:)`` when libmagic's database cannot be loaded.
    public func loadLibmagic() throws(SniffError) {
        do {
            try pool.openFirstCookie()
        } catch {
            throw .libmagic(error)
        }
    }

    // MARK: Payloads

    /// A payload to sniff or judge, named by where its bytes are: in memory, in a file at a
    /// path, or in an open file.
    ///
    /// ```swift
    /// try sniffer.verdict(.bytes(body), declared: "application/json")
    /// try sniffer.verdict(.file(path: "scan.pdf"), declared: "application/pdf")
    /// try sniffer.verdict(.fileDescriptor(descriptor), declared: nil)
    /// ```
    ///
    /// A file is read only as far as needed: small files whole; for large images and PDFs the
    /// head and tail; other large files in chunks, in bounded memory. A file's descriptor stays
    /// open and its offset is not moved (reads use `pread`).
    public struct Payload {
        enum Source {
            case bytes([UInt8])
            case collection(CollectionBox)
            case path(String)
            case fileDescriptor(Int32)
        }

        /// Another collection of bytes, boxed so that a payload stays a few words that move
        /// without value witnesses.
        final class CollectionBox {
            let bytes: any Collection<UInt8>
            init(_ bytes: any Collection<UInt8>) { self.bytes = bytes }
        }

        let source: Source

        /// Bytes held in memory.
        public static func bytes(_ bytes: [UInt8]) -> Payload {
            Payload(source: .bytes(bytes))
        }

        /// Bytes held in memory in another collection (`Data`, a slice, a buffer): read in place
        /// when the collection is contiguous, copied into an array otherwise.
        public static func bytes(_ bytes: some Collection<UInt8>) -> Payload {
            Payload(source: .collection(CollectionBox(bytes)))
        }

        /// The regular file at `path`.
        public static func file(path: String) -> Payload {
            Payload(source: .path(path))
        }

        /// An open regular file, read from its start.
        public static func fileDescriptor(_ descriptor: Int32) -> Payload {
            Payload(source: .fileDescriptor(descriptor))
        }
    }

    // MARK: Sniffing

    /// Sniffs a payload: what it really is, whatever it will be declared as.
    /// - Throws: ``SniffError`` when a file cannot be read, or libmagic fails to load.
    public func sniff(_ payload: Payload) throws(SniffError) -> Sniff {
        try sniff(payload, textDetection: configuration.textDetection)
    }

    /// Sniffs a payload arriving in chunks, such as a request body.
    ///
    /// Memory stays bounded: up to ``SnifferConfiguration/inMemoryLimit`` bytes are
    /// gathered and examined whole; beyond that the chunks are examined as they
    /// pass, keeping only a header and a tail window.
    public func sniff<Chunks: AsyncSequence>(chunks: Chunks) async throws -> Sniff where Chunks.Element: Collection<UInt8> {
        try await sniff(chunks: chunks, textDetection: configuration.textDetection, readingAtMost: nil).sniff
    }

    // MARK: Judging

    /// Sniffs a payload and judges it against the declared Content-Type value (nil for no
    /// header), by `policy`.
    ///
    /// A payload declared as a text type the policy accepts has its text named by the
    /// sniffer's built-in rules rather than libmagic's: no libmagic text subtype can change such
    /// a verdict, and the built-in rules find HTML, XML, SVG and PDF wherever libmagic does, so
    /// the scriptable warning stands. ``sniff(_:)-(Sniffer.Payload)`` still names text by
    /// ``SnifferConfiguration/textDetection``.
    ///
    /// A file larger than the policy's ``AcceptancePolicy/maximumSize`` is rejected as
    /// `too-large`, for that alone, and only its header is read: the verdict's sniff names the
    /// type from the header and gives the file's size.
    public func verdict(_ payload: Payload, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try judge(payload, declared: declared, policy: policy)
    }

    /// Sniffs a payload and judges it by Deeploy's rules, ``AcceptancePolicy/deeploy``, against
    /// the declared Content-Type value (nil for no header), as ``verdict(_:declared:policy:)-(Sniffer.Payload,_,_)`` does.
    public func verdict(_ payload: Payload, declared: String?) throws(SniffError) -> Verdict {
        // Not a default argument `policy: AcceptancePolicy = .deeploy`: every caller would copy
        // the shared policy in and destroy it after, through value witnesses, which measured
        // 180 instructions, 14% of a small PNG verdict (1,251 -> 1,431), and about 20 ns
        // (Swift 6.3.1). The policy is borrowed from the constant instead.
        try judge(payload, declared: declared, policy: AcceptancePolicy.deeploy)
    }

    /// Sniffs bytes held in an array and judges them, as ``verdict(_:declared:policy:)-(Sniffer.Payload,_,_)``
    /// does with `.bytes(bytes)`.
    public func verdict(_ bytes: [UInt8], declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        try judge(bytes, declared: declared, policy: policy)
    }

    /// Sniffs bytes held in an array and judges them by ``AcceptancePolicy/deeploy``, as
    /// ``verdict(_:declared:)-(Sniffer.Payload,_)`` does with `.bytes(bytes)`.
    public func verdict(_ bytes: [UInt8], declared: String?) throws(SniffError) -> Verdict {
        // The array goes to the sniffer as it is. Wrapped in a payload, it is retained and
        // released, and the payload destroyed through an outlined switch on its cases: about
        // 150 instructions, 12% of a small PNG verdict (Swift 6.3.1). A gateway judges arrays.
        try judge(bytes, declared: declared, policy: AcceptancePolicy.deeploy)
    }

    @inline(__always)
    private func judge(_ bytes: [UInt8], declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        return policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    /// The verdict on bytes a caller holds, whose declared value it has parsed already
    /// (`AcceptancePolicy.parseDeclared`): what ``verdict(_:declared:policy:)-([UInt8],_,_)``
    /// gives for an array of the same bytes.
    func verdict(_ bytes: UnsafeRawBufferPointer, declared: String?, parsed: MediaType?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        policy.verdict(for: try sniff(bytes, textDetection: textDetection(parsed, policy)), declared: declared, parsed: parsed)
    }

    @inline(__always)
    private func judge(_ payload: Payload, declared: String?, policy: AcceptancePolicy) throws(SniffError) -> Verdict {
        switch payload.source {
        case .bytes(let bytes):
            return try judge(bytes, declared: declared, policy: policy)
        case .collection(let box):
            let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
            let sniff = try sniff(box.bytes, textDetection: textDetection(parsed, policy))
            return policy.verdict(for: sniff, declared: declared, parsed: parsed)
        case .path, .fileDescriptor:
            let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
            let read = try sniff(payload, textDetection: textDetection(parsed, policy), readingAtMost: policy.maximumSize)
            return policy.verdict(for: read, declared: declared, parsed: parsed)
        }
    }

    /// Sniffs a payload arriving in chunks, such as a request body, and judges it against the
    /// declared Content-Type value (nil for no header), as ``verdict(_:declared:policy:)-(Sniffer.Payload,_,_)`` does.
    ///
    /// Memory stays bounded, as with ``sniff(chunks:)``. With a policy that has a
    /// ``AcceptancePolicy/maximumSize``, reading stops at the first chunk that passes it, and the
    /// payload is rejected as `too-large`, for that alone: a gateway never reads an oversized body
    /// to its end. The verdict's sniff then describes the bytes read, and its size is their count.
    public func verdict<Chunks: AsyncSequence>(
        chunks: Chunks, declared: String?, policy: AcceptancePolicy = .deeploy
    ) async throws -> Verdict where Chunks.Element: Collection<UInt8> {
        let parsed = declared.flatMap(AcceptancePolicy.parseDeclared)
        let read = try await sniff(chunks: chunks, textDetection: textDetection(parsed, policy), readingAtMost: policy.maximumSize)
        return policy.verdict(for: read, declared: declared, parsed: parsed)
    }

    /// The Content-Type a client should declare for a payload, when it has no idea.
    public func recommendedContentType(for payload: Payload, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> MediaType {
        policy.recommendedContentType(for: try sniff(payload))
    }

    /// The verdict a client acts on when it is about to send a payload: with the Content-Type
    /// value `declared`, or, when `declared` is nil, with the Content-Type the policy recommends
    /// for its bytes.
    ///
    /// Unlike ``verdict(_:declared:policy:)-(Sniffer.Payload,_,_)``, nil does not mean "no header" (which
    /// Deeploy takes as JSON, so a PNG would be rejected): it means "pick the right header".
    /// The verdict's ``Verdict/effectiveContentType`` is the value to send.
    ///
    /// ```swift
    /// let verdict = try sniffer.sendingVerdict(.file(path: "cat.png"), declared: nil)
    /// verdict.effectiveContentType  // image/png
    /// ```
    public func sendingVerdict(_ payload: Payload, declared: String?, policy: AcceptancePolicy = .deeploy) throws(SniffError) -> Verdict {
        let sniff = try sniff(payload)
        if let declared { return policy.verdict(for: sniff, declared: declared) }
        return policy.verdict(for: sniff, declared: policy.recommendedContentType(for: sniff))
    }

    /// How a verdict names text: by the built-in rules when the declared type is a text type
    /// the policy accepts, by the configuration otherwise.
    func textDetection(_ declared: MediaType?, _ policy: AcceptancePolicy) -> TextDetection {
        // Tested before the type is unwrapped, which would copy it: most payloads are not text
        // (see AcceptancePolicy.verdict(for:declared:parsed:)).
        guard declared?.isText == true, policy.namesTextByBuiltInRules(declared: declared!) else { return configuration.textDetection }
        return .builtIn
    }
}

/// How a ``Sniffer`` works: its libmagic pool, its windows and its JSON limits.
public struct SnifferConfiguration: Sendable, Hashable {
    /// The most libmagic cookies to open; one per concurrent caller is ideal.
    public var poolSize: Int
    /// libmagic's flags, database and limits.
    public var magic: MagicConfiguration
    /// How many leading bytes libmagic sees when it is consulted. libmagic's
    /// type rules look at the start of a payload; the sniffer's own checks
    /// (JSON, charset, binary bytes) always cover every byte. At least 1.
    ///
    /// When libmagic's answer from the window is one that more bytes may refine
    /// (`application/octet-stream` or a compound document or ZIP longer than the window,
    /// `application/x-sharedlib` at any size), libmagic reads the payload again as `file(1)`
    /// reads a file, up to its own `MAGIC_PARAM_BYTES_MAX`, and its new answer is kept when it
    /// is a binary type (not text, JSON, XML, an image, a PDF or `application/octet-stream`).
    /// A file or bytes in memory are read so in full; a stream only as far as it is held: whole
    /// up to ``inMemoryLimit``, only its header beyond.
    public var libmagicWindow: Int
    /// Files up to this size are read whole and examined in memory; larger ones
    /// are streamed in chunks (or, for images and PDFs, read at head and tail only). At least 0.
    public var inMemoryLimit: Int
    /// The chunk size for streaming large files. At least 1.
    public var chunkSize: Int
    /// Ask libmagic for a description even when the fast path needs no libmagic call.
    public var alwaysDescribe: Bool
    /// Who names the subtype of a payload that is text: libmagic (`text/csv`,
    /// `text/x-python`, ... — thorough, but its text rules cost 0.3-2 ms per call),
    /// or the sniffer's own rules (HTML, XML or plain, in microseconds). A verdict on a
    /// payload declared as text uses the sniffer's own rules either way.
    public var textDetection: TextDetection
    /// Limits for the JSON validator. A leading UTF-8 byte-order mark is always
    /// tolerated while sniffing; the acceptance policy decides whether to allow it.
    /// The default sets no size limit: validation streams in constant memory, and
    /// ``AcceptancePolicy/maximumSize`` is where a size limit belongs.
    public var json: JSONOptions

    /// Creates a configuration; the defaults suit a gateway. ``Sniffer/init(configuration:)``
    /// refuses sizes out of range.
    public init(
        poolSize: Int = MagicPool.defaultSize,
        magic: MagicConfiguration = MagicConfiguration(),
        libmagicWindow: Int = 16 * 1024,
        inMemoryLimit: Int = 16 << 20,
        chunkSize: Int = 1 << 20,
        alwaysDescribe: Bool = false,
        textDetection: TextDetection = .libmagic,
        json: JSONOptions = JSONOptions(maxSize: nil)
    ) {
        self.textDetection = textDetection
        self.poolSize = poolSize
        self.magic = magic
        self.libmagicWindow = libmagicWindow
        self.inMemoryLimit = inMemoryLimit
        self.chunkSize = chunkSize
        self.alwaysDescribe = alwaysDescribe
        self.json = json
    }
}

/// Who names the subtype of a text payload.
public enum TextDetection: Sendable, Hashable {
    /// libmagic, shown ``SnifferConfiguration/libmagicWindow`` bytes (libmagic's second look past
    /// the window, for binary formats, never names text).
    case libmagic
    /// The sniffer's own rules: `text/html` for the WHATWG HTML signatures and for
    /// libmagic's HTML tags in the first 4096 characters, `text/xml` for an XML
    /// declaration, `application/pdf` for libmagic's `%PDF-` search, `text/plain`
    /// otherwise. They find markup wherever libmagic does. libmagic is then consulted
    /// only for payloads that are not text.
    case builtIn
}
