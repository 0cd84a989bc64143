/// Media types this package meets often, so that call sites read `.applicationJSON`.
extension MediaType {
    /// `application/json` (RFC 8259), also Deeploy's default request type.
    public static var applicationJSON: MediaType { .init(uncheckedType: "application", subtype: "json") }
    /// `application/pdf` (RFC 8118).
    public static var applicationPDF: MediaType { .init(uncheckedType: "application", subtype: "pdf") }
    /// `application/octet-stream` (RFC 2046 §4.5.1): arbitrary bytes.
    public static var applicationOctetStream: MediaType {
        .init(uncheckedType: "application", subtype: "octet-stream")
    }
    /// `binary/octet-stream`: not registered, but sent by some clients and accepted by Deeploy.
    public static var binaryOctetStream: MediaType { .init(uncheckedType: "binary", subtype: "octet-stream") }
    /// `application/zip`.
    public static var applicationZip: MediaType { .init(uncheckedType: "application", subtype: "zip") }
    /// `text/plain` (RFC 2046 §4.1.3).
    public static var textPlain: MediaType { .init(uncheckedType: "text", subtype: "plain") }
    /// `text/html`.
    public static var textHTML: MediaType { .init(uncheckedType: "text", subtype: "html") }
    /// `image/png`.
    public static var imagePNG: MediaType { .init(uncheckedType: "image", subtype: "png") }
    /// `image/jpeg`.
    public static var imageJPEG: MediaType { .init(uncheckedType: "image", subtype: "jpeg") }
    /// `image/gif`.
    public static var imageGIF: MediaType { .init(uncheckedType: "image", subtype: "gif") }
    /// `image/webp`.
    public static var imageWebP: MediaType { .init(uncheckedType: "image", subtype: "webp") }
    /// `image/bmp`.
    public static var imageBMP: MediaType { .init(uncheckedType: "image", subtype: "bmp") }
    /// `image/tiff`.
    public static var imageTIFF: MediaType { .init(uncheckedType: "image", subtype: "tiff") }
    /// `image/vnd.microsoft.icon`: the registered ICO type, and libmagic's answer for ICO files.
    public static var imageIcon: MediaType { .init(uncheckedType: "image", subtype: "vnd.microsoft.icon") }
    /// `image/svg+xml`: an image type that is also XML and scriptable.
    public static var imageSVG: MediaType { .init(uncheckedType: "image", subtype: "svg+xml") }
}
