/// A format the sniffer recognises from its first bytes, without calling libmagic.
///
/// Each signature is at least as strict as libmagic 5.44's own rule for the
/// format, so that whenever the fast path answers, libmagic would give the
/// same media type (a test checks this on thousands of generated inputs).
public enum SignatureFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// PNG: the 8-byte signature followed by an `IHDR` chunk.
    case png
    /// JPEG: `FF D8 FF` and at least one more byte.
    case jpeg
    /// GIF: `GIF87a` or `GIF89a`.
    case gif
    /// WebP: a RIFF container of form type `WEBP`.
    case webp
    /// BMP: `BM` with a known DIB header size at offset 14.
    case bmp
    /// TIFF: `II*\0` (little-endian) or `MM\0*` (big-endian).
    case tiff
    /// ICO: an icon directory whose first image starts right after the directory.
    case ico
    /// PDF: `%PDF-` at offset 0.
    case pdf
    /// SVG: `<svg` at offset 0, or an XML declaration followed closely by `<svg`.
    case svg

    /// The media type libmagic gives this format.
    public var mediaType: MediaType {
        switch self {
        case .png: .imagePNG
        case .jpeg: .imageJPEG
        case .gif: .imageGIF
        case .webp: .imageWebP
        case .bmp: .imageBMP
        case .tiff: .imageTIFF
        case .ico: .imageIcon
        case .pdf: .applicationPDF
        case .svg: .imageSVG
        }
    }

    /// The format's name, such as `PNG`.
    public var description: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .bmp: "BMP"
        case .tiff: "TIFF"
        case .ico: "ICO"
        case .pdf: "PDF"
        case .svg: "SVG"
        }
    }
}
