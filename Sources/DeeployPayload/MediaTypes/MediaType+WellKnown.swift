/// Media types this package meets often, so that call sites read `.applicationJSON`.
///
/// Each is held as a ``KnownEssence``: building, copying and comparing one costs no strings.
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
