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
