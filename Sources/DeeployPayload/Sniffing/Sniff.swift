/// What a payload really is, as the ``Sniffer`` found it.
public struct Sniff: Sendable, Hashable {
    /// The media type, without parameters (its essence), such as `image/png`.
    public var mediaType: MediaType
    /// The text encoding, for text: `us-ascii`, `utf-8`, `utf-16le`, `utf-16be`,
    /// or libmagic's name for an 8-bit encoding (`iso-8859-1`). Nil for binary data.
    public var charset: String?
    /// Which path decided ``mediaType``.
    public var evidence: Evidence
    /// The payload's size in bytes.
    public var size: Int
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

    /// For a valid JSON payload held whole, the first object member whose name an earlier member
    /// of the same object has (RFC 8259 §4 says names should be unique); nil otherwise, and for a
    /// payload sniffed as a stream too large to hold.
    public var duplicateKey: DuplicateKey? { sniffedJSON.duplicateKey }

    /// True when the payload carries a second format.
    public var isPolyglot: Bool { !polyglotFindings.isEmpty }

    /// The media type with its charset parameter, such as `text/plain;charset=utf-8`.
    public var mediaTypeWithCharset: MediaType {
        guard let charset, mediaType.isText else { return mediaType }
        return (try? mediaType.with(charset: charset)) ?? mediaType
    }
}

extension Sniff {
    /// Which path decided a ``Sniff``'s media type.
    public enum Evidence: Sendable, Hashable, CustomStringConvertible {
        /// The payload is empty.
        case empty
        /// The signature fast path recognised the format; libmagic was not needed.
        case signature(SignatureFormat)
        /// The strict JSON validator accepted the whole payload; libmagic was not needed.
        case strictJSON
        /// Every line is a strictly valid JSON value: newline-delimited JSON.
        case newlineDelimitedJSON
        /// libmagic's answer, with the charset checked against the bytes.
        case libmagic
        /// libmagic called it text, but the bytes contain binary data, so it is not.
        case binaryBytesInText(offset: Int)
        /// libmagic called it JSON, but the strict parser rejected it, so it is plain text.
        case invalidJSONAsText
        /// The sniffer's own text rules named it (see ``TextDetection/builtIn``).
        case builtInText
        /// libmagic failed on this content, so it is treated as opaque binary.
        case libmagicFailed(message: String)

        /// A short phrase for people and logs, such as `signature (PNG)`.
        public var description: String {
            switch self {
            case .empty: "empty payload"
            case .signature(let format): "signature (\(format))"
            case .strictJSON: "strict JSON validation"
            case .newlineDelimitedJSON: "every line is valid JSON"
            case .libmagic: "libmagic"
            case .binaryBytesInText(let offset): "libmagic said text, but byte \(offset) is binary"
            case .invalidJSONAsText: "libmagic said JSON, but the strict parser rejected it"
            case .builtInText: "built-in text rules"
            case .libmagicFailed(let message): "libmagic failed (\(message)), so opaque binary"
            }
        }

        /// A stable, machine-readable name: `empty`, `signature`, `strict-json`, `ndjson`,
        /// `libmagic`, `binary-bytes`, `invalid-json`, `built-in-text`, `libmagic-failed`.
        public var code: String {
            switch self {
            case .empty: "empty"
            case .signature: "signature"
            case .strictJSON: "strict-json"
            case .newlineDelimitedJSON: "ndjson"
            case .libmagic: "libmagic"
            case .binaryBytesInText: "binary-bytes"
            case .invalidJSONAsText: "invalid-json"
            case .builtInText: "built-in-text"
            case .libmagicFailed: "libmagic-failed"
            }
        }
    }

    /// Evidence that a payload carries a second format besides the one it claims.
    ///
    /// Such files pass a naive type check (a GIF with a ZIP appended reads as
    /// `image/gif`) while another program reads the hidden part.
    public struct PolyglotFinding: Sendable, Hashable, CustomStringConvertible {
        /// What was found.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// A ZIP central directory or end-of-central-directory record.
            case zipArchive = "zip-archive"
            /// Bytes after the format's own end marker (PNG `IEND`, JPEG `EOI`, GIF trailer, PDF `%%EOF`).
            case trailingData = "trailing-data"
        }

        /// What was found.
        public var kind: Kind
        /// The byte offset where it starts.
        public var offset: Int
        /// A sentence for people, such as "412 bytes after the PNG IEND chunk, containing <script".
        public var detail: String

        /// Creates a finding.
        public init(kind: Kind, offset: Int, detail: String) {
            self.kind = kind
            self.offset = offset
            self.detail = detail
        }

        /// The finding's detail with its offset.
        public var description: String { "\(detail) (at byte \(offset))" }
    }
}

extension Sniff {
    /// A repeated member name in a JSON payload.
    public struct DuplicateKey: Sendable, Hashable {
        /// The JSONPath of the repeated member, such as `$.instances[0].a`.
        public var path: String
        /// The byte offset of the repeated key's opening quote.
        public var offset: Int

        /// Creates a duplicate-key finding.
        public init(path: String, offset: Int) {
            self.path = path
            self.offset = offset
        }
    }
}

extension Sniff {
    /// Creates a sniff from its parts.
    public init(
        mediaType: MediaType, charset: String?, description: String?, evidence: Evidence, size: Int,
        text: TextEvidence, json: JSONCheck, polyglotFindings: [PolyglotFinding], libmagicType: String?
    ) {
        self.init(
            mediaType: mediaType, charset: charset, evidence: evidence, size: size, text: text, sniffedJSON: SniffedJSON(json),
            polyglotFindings: polyglotFindings, libmagicWords: LibmagicWords(description: description, mimeType: libmagicType)
        )
    }
}

extension Sniff {
    /// The sniff of a payload whose signature decided its type, from the checks every payload
    /// gets; libmagic is not asked.
    init(signature format: SignatureFormat, size: Int, text: TextEvidence, json: SniffedJSON, polyglotFindings: [Sniff.PolyglotFinding]) {
        self.init(
            mediaType: format.mediaType, charset: format == .svg ? text.provenCharset : nil, evidence: .signature(format), size: size,
            text: text, sniffedJSON: json, polyglotFindings: polyglotFindings, libmagicWords: nil
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

/// A sniff of a file or stream that was read only up to a size limit, when it had one.
struct BoundedSniff {
    /// How much of the payload was read.
    enum Read {
        /// All of it.
        case whole
        /// The header of a file larger than the limit; the sniff's size is the file's.
        case headerOfLargerFile
        /// The bytes of a stream up to the chunk that passed the limit; the sniff's size is
        /// what was read, and the stream is longer by an unknown amount.
        case startOfLongerStream
        /// The bytes of a stream up to the chunk where `finding` made its refusal certain
        /// (``PrefixWatch``); the sniff describes what was read.
        case startUntilRefused(Verdict.Finding)
    }

    var sniff: Sniff
    var read: Read
}

/// The sniff evidence's old name.
@available(*, deprecated, renamed: "Sniff.Evidence")
public typealias SniffEvidence = Sniff.Evidence

/// The polyglot finding's old name.
@available(*, deprecated, renamed: "Sniff.PolyglotFinding")
public typealias PolyglotFinding = Sniff.PolyglotFinding
