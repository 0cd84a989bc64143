public import Magic
public import StrictJSON

/// How a ``Sniffer`` works: its libmagic pool, its windows and its JSON limits.
public struct SnifferConfiguration: Sendable, Hashable {
    /// The most libmagic cookies to open; one per concurrent caller is ideal.
    public var poolSize: Int
    /// libmagic's flags, database and limits.
    public var magic: MagicConfiguration
    /// How many leading bytes libmagic sees when it is consulted. libmagic's
    /// type rules look at the start of a payload; the sniffer's own checks
    /// (JSON, charset, binary bytes) always cover every byte. At least 1.
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
    /// libmagic, shown ``SnifferConfiguration/libmagicWindow`` bytes.
    case libmagic
    /// The sniffer's own rules: `text/html` for the WHATWG HTML signatures and for
    /// libmagic's HTML tags in the first 4096 characters, `text/xml` for an XML
    /// declaration, `application/pdf` for libmagic's `%PDF-` search, `text/plain`
    /// otherwise. They find markup wherever libmagic does. libmagic is then consulted
    /// only for payloads that are not text.
    case builtIn
}
