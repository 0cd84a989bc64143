/// The essences (`type/subtype`) this package meets on every request, held as one byte.
///
/// A ``MediaType`` with one of these essences stores the case instead of two strings, so
/// copying it costs no reference counting, comparing two of them is one integer compare, and
/// its group traits (``MediaTypeTraits``) are constants rather than computed from strings. The
/// representation is canonical: a media type whose type and subtype are listed here always
/// uses the case, so equality and hashing need not know about it.
enum KnownEssence: UInt8, CaseIterable, Sendable {
    case applicationJSON, applicationPDF, applicationOctetStream, applicationZip, applicationGzip
    case applicationXML, applicationNDJSON, applicationXEmpty
    case binaryOctetStream
    case textPlain, textHTML, textXML, textCSV, textAny
    case imagePNG, imageJPEG, imageGIF, imageWebP, imageBMP, imageTIFF, imageIcon, imageSVG, imageAny
    case any

    /// The type, in lowercase.
    var type: String {
        switch self {
        case .applicationJSON, .applicationPDF, .applicationOctetStream, .applicationZip, .applicationGzip,
             .applicationXML, .applicationNDJSON, .applicationXEmpty:
            "application"
        case .binaryOctetStream: "binary"
        case .textPlain, .textHTML, .textXML, .textCSV, .textAny: "text"
        case .imagePNG, .imageJPEG, .imageGIF, .imageWebP, .imageBMP, .imageTIFF, .imageIcon, .imageSVG, .imageAny:
            "image"
        case .any: "*"
        }
    }

    /// The subtype, in lowercase.
    var subtype: String {
        switch self {
        case .applicationJSON: "json"
        case .applicationPDF: "pdf"
        case .applicationOctetStream, .binaryOctetStream: "octet-stream"
        case .applicationZip: "zip"
        case .applicationGzip: "gzip"
        case .applicationXML, .textXML: "xml"
        case .applicationNDJSON: "x-ndjson"
        case .applicationXEmpty: "x-empty"
        case .textPlain: "plain"
        case .textHTML: "html"
        case .textCSV: "csv"
        case .imagePNG: "png"
        case .imageJPEG: "jpeg"
        case .imageGIF: "gif"
        case .imageWebP: "webp"
        case .imageBMP: "bmp"
        case .imageTIFF: "tiff"
        case .imageIcon: "vnd.microsoft.icon"
        case .imageSVG: "svg+xml"
        case .textAny, .imageAny, .any: "*"
        }
    }

    /// `type/subtype`, without building it.
    var essence: String {
        switch self {
        case .applicationJSON: "application/json"
        case .applicationPDF: "application/pdf"
        case .applicationOctetStream: "application/octet-stream"
        case .applicationZip: "application/zip"
        case .applicationGzip: "application/gzip"
        case .applicationXML: "application/xml"
        case .applicationNDJSON: "application/x-ndjson"
        case .applicationXEmpty: "application/x-empty"
        case .binaryOctetStream: "binary/octet-stream"
        case .textPlain: "text/plain"
        case .textHTML: "text/html"
        case .textXML: "text/xml"
        case .textCSV: "text/csv"
        case .textAny: "text/*"
        case .imagePNG: "image/png"
        case .imageJPEG: "image/jpeg"
        case .imageGIF: "image/gif"
        case .imageWebP: "image/webp"
        case .imageBMP: "image/bmp"
        case .imageTIFF: "image/tiff"
        case .imageIcon: "image/vnd.microsoft.icon"
        case .imageSVG: "image/svg+xml"
        case .imageAny: "image/*"
        case .any: "*/*"
        }
    }

    /// The case for a lowercase type and subtype, or nil when they are not listed.
    init?(type: String, subtype: String) {
        let found: KnownEssence? = switch type {
        case "application": Self.application(subtype)
        case "image": Self.image(subtype)
        case "text": Self.text(subtype)
        case "binary": subtype == "octet-stream" ? .binaryOctetStream : nil
        case "*": subtype == "*" ? .any : nil
        default: nil
        }
        guard let found else { return nil }
        self = found
    }

    private static func application(_ subtype: String) -> KnownEssence? {
        switch subtype {
        case "json": .applicationJSON
        case "pdf": .applicationPDF
        case "octet-stream": .applicationOctetStream
        case "zip": .applicationZip
        case "gzip": .applicationGzip
        case "xml": .applicationXML
        case "x-ndjson": .applicationNDJSON
        case "x-empty": .applicationXEmpty
        default: nil
        }
    }

    private static func image(_ subtype: String) -> KnownEssence? {
        switch subtype {
        case "png": .imagePNG
        case "jpeg": .imageJPEG
        case "gif": .imageGIF
        case "webp": .imageWebP
        case "bmp": .imageBMP
        case "tiff": .imageTIFF
        case "vnd.microsoft.icon": .imageIcon
        case "svg+xml": .imageSVG
        case "*": .imageAny
        default: nil
        }
    }

    private static func text(_ subtype: String) -> KnownEssence? {
        switch subtype {
        case "plain": .textPlain
        case "html": .textHTML
        case "xml": .textXML
        case "csv": .textCSV
        case "*": .textAny
        default: nil
        }
    }

    /// This essence's traits, written out so that reading them is a jump table, not a lazily
    /// made global. A test checks them against ``MediaTypeTraits/init(type:subtype:)``, the
    /// rules every other media type goes by.
    var traits: MediaTypeTraits {
        switch self {
        case .applicationJSON: .json
        case .applicationPDF: .pdf
        case .applicationOctetStream, .binaryOctetStream: .octetStream
        case .applicationZip, .applicationGzip, .applicationNDJSON, .applicationXEmpty: []
        case .applicationXML: .xml
        case .textPlain, .textCSV: .text
        case .textHTML: [.text, .html]
        case .textXML: [.text, .xml]
        case .textAny: [.text, .wildcard]
        case .imagePNG, .imageJPEG, .imageGIF, .imageWebP, .imageBMP, .imageTIFF, .imageIcon: .image
        case .imageSVG: [.image, .xml]
        case .imageAny: [.image, .wildcard]
        case .any: .wildcard
        }
    }
}
