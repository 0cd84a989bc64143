/// What a payload really is, as the ``Sniffer`` found it.
public struct Sniff: Sendable, Hashable {
    // `size` is stored first so that the compiler's memberwise initialiser differs from the
    // public one and stays available: it moves its arguments in, where a hand-written
    // initialiser of a struct this large copies every field once more (measured on Swift 6.3).

    /// The payload's size in bytes.
    public var size: Int
    /// The media type, without parameters (its essence), such as `image/png`.
    public var mediaType: MediaType
    /// The text encoding, for text: `us-ascii`, `utf-8`, `utf-16le`, `utf-16be`,
    /// or libmagic's name for an 8-bit encoding (`iso-8859-1`). Nil for binary data.
    public var charset: String?
    /// Which path decided ``mediaType``.
    public var evidence: SniffEvidence
    /// What the bytes say about text and encodings.
    public var text: TextEvidence
    /// Whether the payload is strictly valid JSON, as the sniff holds it.
    var sniffedJSON: SniffedJSON
    /// Second formats hidden in an image or PDF. Empty for anything else.
    public var polyglotFindings: [PolyglotFinding]
    /// What libmagic said, when it was asked; nil when it was not. One word in the sniff rather
    /// than two strings' thirty-two bytes: most sniffs (every image, PDF and JSON payload) never
    /// ask it, and a sniff is moved several times on every request.
    var libmagicWords: LibmagicWords?

    /// libmagic's human-readable description, when libmagic was consulted for one.
    public var description: String? {
        get { libmagicWords?.description }
        set { libmagicWords = LibmagicWords(description: newValue, mimeType: libmagicType) }
    }

    /// libmagic's own MIME type, when libmagic was consulted.
    public var libmagicType: String? {
        get { libmagicWords?.mimeType }
        set { libmagicWords = LibmagicWords(description: description, mimeType: newValue) }
    }

    /// Whether the payload is strictly valid JSON.
    public var json: JSONCheck {
        get { sniffedJSON.check }
        set { sniffedJSON = SniffedJSON(newValue) }
    }

    /// True when the payload carries a second format.
    public var isPolyglot: Bool { !polyglotFindings.isEmpty }

    /// The media type with its charset parameter, such as `text/plain;charset=utf-8`.
    public var mediaTypeWithCharset: MediaType {
        guard let charset, mediaType.isText else { return mediaType }
        return (try? mediaType.with(charset: charset)) ?? mediaType
    }
}

extension Sniff {
    /// Creates a sniff from its parts.
    public init(
        mediaType: MediaType, charset: String?, description: String?, evidence: SniffEvidence, size: Int,
        text: TextEvidence, json: JSONCheck, polyglotFindings: [PolyglotFinding], libmagicType: String?
    ) {
        self.init(
            size: size, mediaType: mediaType, charset: charset, evidence: evidence, text: text, sniffedJSON: SniffedJSON(json),
            polyglotFindings: polyglotFindings, libmagicWords: LibmagicWords(description: description, mimeType: libmagicType)
        )
    }
}

/// libmagic's description and MIME type of a payload, boxed.
indirect enum LibmagicWords: Sendable, Hashable {
    case said(description: String?, mimeType: String?)

    /// Nil when libmagic said nothing, so that equal sniffs hold equal values.
    init?(description: String?, mimeType: String?) {
        guard description != nil || mimeType != nil else { return nil }
        self = .said(description: description, mimeType: mimeType)
    }

    var description: String? { if case .said(let description, _) = self { description } else { nil } }
    var mimeType: String? { if case .said(_, let mimeType) = self { mimeType } else { nil } }
}
