/// The media types this package knows by name: one table, one row per essence (`type/subtype`).
///
/// To add a type, say `image/avif`: add a case and its row in ``row``. Everything else follows
/// from the row:
/// - parsing `image/avif` finds the case, and ``MediaType`` holds it as one byte (below);
/// - its groups answer ``MediaType/isJSON``, ``MediaType/isScriptable`` and their neighbours;
/// - whether an ``AcceptedMediaTypes`` (Deeploy's included) accepts it is worked out from its
///   ranges, once per set;
/// - its signature column links it to the sniffer's ``SignatureFormat``. If the sniffer should
///   recognise the type from its first bytes, add the format and its check in `Sniffing/` too
///   (a test checks that `SignatureFormat.mediaType` and this column agree).
///
/// Why a byte: a ``MediaType`` whose essence is a row here and that has no parameters is stored
/// as the case, so copying it costs no reference counting, comparing two is one byte compare,
/// and its groups are read from the row rather than computed from strings. The representation
/// is canonical: a media type whose essence is listed here always holds the case, so equality
/// and hashing need not know about it.
enum KnownEssence: UInt8, CaseIterable, Sendable {
    case applicationJSON, applicationPDF, applicationOctetStream, applicationZip, applicationGzip
    case applicationXML, applicationNDJSON, applicationXEmpty
    case binaryOctetStream
    case textPlain, textHTML, textXML, textCSV, textAny
    case imagePNG, imageJPEG, imageGIF, imageWebP, imageBMP, imageTIFF, imageIcon, imageSVG, imageAny
    case any

    /// One row of the table.
    struct Row {
        /// `type/subtype`, in lowercase.
        let essence: String
        /// The groups of the essence: exactly what ``MediaType/Groups/init(type:subtype:)``, the
        /// rule for every other media type, gives it (a test checks). Written out so that a
        /// group check on a common type is a table read.
        let groups: MediaType.Groups
        /// The format whose signature the sniffer recognises this type by, if any.
        let signature: SignatureFormat?

        init(_ essence: String, _ groups: MediaType.Groups, signature: SignatureFormat? = nil) {
            self.essence = essence
            self.groups = groups
            self.signature = signature
        }
    }

    /// The table. A switch rather than an array, so that reading one column of a common type
    /// compiles to a jump or a load from a constant table, with nothing made on first use.
    @inline(__always)
    var row: Row {
        switch self {
        //                             essence                       groups                signature
        case .applicationJSON:        Row("application/json",         .json)
        case .applicationPDF:         Row("application/pdf",          .pdf,                 signature: .pdf)
        case .applicationOctetStream: Row("application/octet-stream", .octetStream)
        case .applicationZip:         Row("application/zip",          [])
        case .applicationGzip:        Row("application/gzip",         [])
        case .applicationXML:         Row("application/xml",          .xml)
        case .applicationNDJSON:      Row("application/x-ndjson",     [])
        case .applicationXEmpty:      Row("application/x-empty",      [])
        case .binaryOctetStream:      Row("binary/octet-stream",      .octetStream)
        case .textPlain:              Row("text/plain",               .text)
        case .textHTML:               Row("text/html",                [.text, .html])
        case .textXML:                Row("text/xml",                 [.text, .xml])
        case .textCSV:                Row("text/csv",                 .text)
        case .textAny:                Row("text/*",                   [.text, .wildcard])
        case .imagePNG:               Row("image/png",                .image,               signature: .png)
        case .imageJPEG:              Row("image/jpeg",               .image,               signature: .jpeg)
        case .imageGIF:               Row("image/gif",                .image,               signature: .gif)
        case .imageWebP:              Row("image/webp",               .image,               signature: .webp)
        case .imageBMP:               Row("image/bmp",                .image,               signature: .bmp)
        case .imageTIFF:              Row("image/tiff",               .image,               signature: .tiff)
        case .imageIcon:              Row("image/vnd.microsoft.icon", .image,               signature: .ico)
        case .imageSVG:               Row("image/svg+xml",            [.image, .xml],       signature: .svg)
        case .imageAny:               Row("image/*",                  [.image, .wildcard])
        case .any:                    Row("*/*",                      .wildcard)
        }
    }

    /// `type/subtype`, ready-made.
    var essence: String { row.essence }

    /// The groups this essence belongs to.
    var groups: MediaType.Groups { row.groups }

    /// The type, in lowercase.
    var type: String { Self.parts[Int(rawValue)].type }

    /// The subtype, in lowercase.
    var subtype: String { Self.parts[Int(rawValue)].subtype }

    /// The case for a lowercase type and subtype, or nil when the table has no such row.
    init?(type: String, subtype: String) {
        guard let rows = Self.rowsByType.first(where: { $0.type == type })?.rows,
            let found = rows.first(where: { $0.subtype == subtype })?.known
        else { return nil }
        self = found
    }

    /// Each row's essence split at its `/`, by raw value.
    private static let parts: [(type: String, subtype: String)] = allCases.map { known in
        let essence = known.essence.utf8
        let slash = essence.firstIndex(of: UInt8(ascii: "/"))!
        return (String(essence[..<slash])!, String(essence[essence.index(after: slash)...])!)
    }

    /// The rows grouped by type, in table order, for ``init(type:subtype:)``: finding a case
    /// takes about as many string compares as a switch on the type and then on the subtype.
    private static let rowsByType: [(type: String, rows: [(subtype: String, known: KnownEssence)])] = {
        var groups: [(type: String, rows: [(subtype: String, known: KnownEssence)])] = []
        for known in allCases {
            let (type, subtype) = parts[Int(known.rawValue)]
            if let index = groups.firstIndex(where: { $0.type == type }) {
                groups[index].rows.append((subtype, known))
            } else {
                groups.append((type, [(subtype, known)]))
            }
        }
        return groups
    }()

    /// The bit for this case in a set of cases held as a `UInt64` (a test checks that every
    /// case has one).
    var bit: UInt64 { 1 << rawValue }
}

// MARK: - Well-known types

/// Media types this package meets often, so that call sites read `.applicationJSON`.
///
/// Each is a row of the known media types (``KnownEssence``): building, copying and comparing
/// one costs no strings.
extension MediaType {
    /// `application/json` (RFC 8259), also Deeploy's default request type.
    public static var applicationJSON: MediaType { .init(known: .applicationJSON) }
    /// `application/pdf` (RFC 8118).
    public static var applicationPDF: MediaType { .init(known: .applicationPDF) }
    /// `application/octet-stream` (RFC 2046 §4.5.1): arbitrary bytes.
    public static var applicationOctetStream: MediaType { .init(known: .applicationOctetStream) }
    /// `binary/octet-stream`: not registered, but sent by some clients and accepted by Deeploy.
    public static var binaryOctetStream: MediaType { .init(known: .binaryOctetStream) }
    /// `application/zip`.
    public static var applicationZip: MediaType { .init(known: .applicationZip) }
    /// `application/x-ndjson`: newline-delimited JSON, libmagic's name for it.
    public static var applicationNDJSON: MediaType { .init(known: .applicationNDJSON) }
    /// `application/x-empty`: libmagic's type for a payload with no bytes.
    public static var applicationXEmpty: MediaType { .init(known: .applicationXEmpty) }
    /// `text/plain` (RFC 2046 §4.1.3).
    public static var textPlain: MediaType { .init(known: .textPlain) }
    /// `text/html`.
    public static var textHTML: MediaType { .init(known: .textHTML) }
    /// `text/xml` (RFC 7303).
    public static var textXML: MediaType { .init(known: .textXML) }
    /// `image/png`.
    public static var imagePNG: MediaType { .init(known: .imagePNG) }
    /// `image/jpeg`.
    public static var imageJPEG: MediaType { .init(known: .imageJPEG) }
    /// `image/gif`.
    public static var imageGIF: MediaType { .init(known: .imageGIF) }
    /// `image/webp`.
    public static var imageWebP: MediaType { .init(known: .imageWebP) }
    /// `image/bmp`.
    public static var imageBMP: MediaType { .init(known: .imageBMP) }
    /// `image/tiff`.
    public static var imageTIFF: MediaType { .init(known: .imageTIFF) }
    /// `image/vnd.microsoft.icon`: the registered ICO type, and libmagic's answer for ICO files.
    public static var imageIcon: MediaType { .init(known: .imageIcon) }
    /// `image/svg+xml`: an image type that is also XML and scriptable.
    public static var imageSVG: MediaType { .init(known: .imageSVG) }
}
