/// One thing `inspect` reports on: a file, standard input, or a path it could not use.
enum InspectionTarget: Hashable, Sendable {
    /// A path to sniff (a file, or something that turns out not to be one).
    case file(String)
    /// Standard input.
    case standardInput
    /// A path that cannot be inspected, with the message to report.
    case failure(path: String, message: String)

    /// The path shown in results; `-` for standard input.
    var path: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        case .failure(let path, _): path
        }
    }
}
