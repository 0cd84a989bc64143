/// One thing `inspect` reports on: a file, standard input, or a path it could not use.
enum InspectionTarget: Hashable, Sendable {
    /// A path to sniff (a file, or something that turns out not to be one).
    case file(String)
    /// A path that is not valid UTF-8: its display form (see ``RawPath``) and its bytes.
    case rawFile(path: String, bytes: [UInt8])
    /// Standard input.
    case standardInput
    /// A path that cannot be inspected, with the message to report, and its bytes when the
    /// path is not valid UTF-8.
    case failure(path: String, message: String, pathBytes: [UInt8]? = nil)

    /// The path shown in results; `-` for standard input.
    var path: String {
        switch self {
        case .file(let path): path
        case .rawFile(let path, _): path
        case .standardInput: "-"
        case .failure(let path, _, _): path
        }
    }

    /// A target for `bytes`, shown as `display`: a plain file when the bytes are UTF-8.
    static func file(display: String, bytes: [UInt8]) -> InspectionTarget {
        String(validating: bytes, as: UTF8.self) != nil ? .file(display) : .rawFile(path: display, bytes: bytes)
    }
}
