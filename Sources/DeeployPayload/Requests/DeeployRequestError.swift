/// Why a ``DeeployRequest``, its ``InferenceTarget`` or its header fields cannot be built. Ids and the host are checked so that no input can
/// reach another path, query or host.
public enum DeeployRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which input a problem is in.
    public enum Field: String, Sendable, Hashable {
        /// The Deeploy host name.
        case host
        /// The workspace id.
        case workspaceID = "workspace id"
        /// The deployment id.
        case deploymentID = "deployment id"
        /// The organization id sent in the `organization-id` header.
        case organizationID = "organization id"
    }

    /// The input is empty.
    case empty(Field)
    /// The input is longer than allowed.
    case tooLong(Field, length: Int, limit: Int)
    /// The input contains `/` or `\`, which would change the path.
    case pathSeparator(Field, offset: Int, found: Unicode.Scalar)
    /// The id is `.` or contains `..`: dot segments that URL normalisation removes, reaching
    /// another path.
    case dotSegment(Field)
    /// The input contains `?` or `#`, which would start a query or fragment.
    case queryOrFragment(Field, offset: Int, found: Unicode.Scalar)
    /// The input contains `%`, which would start a percent-encoded byte.
    case percentSign(Field, offset: Int)
    /// The input contains whitespace.
    case whitespace(Field, offset: Int, found: Unicode.Scalar)
    /// The input contains a control character.
    case controlCharacter(Field, offset: Int, found: Unicode.Scalar)
    /// The input contains another character that is not allowed.
    case disallowedCharacter(Field, offset: Int, found: Unicode.Scalar)
    /// The host starts with a URL scheme such as `https://`.
    case hostHasScheme
    /// A label of the host name (between dots) is empty, longer than 63 characters, or starts
    /// or ends with `-`. The offset is where the label starts.
    case invalidHostLabel(offset: Int)
    /// The port after `:` is not a number from 1 to 65535.
    case invalidPort(String)
    /// The payload's content type is not one the receiver accepts.
    case contentTypeNotAccepted(MediaType, accepted: AcceptedMediaTypes)

    private static let identifierRule = "an id may contain only letters, digits, '-', '.', '_' and '~'"
    private static let hostRule =
        "a host is a DNS name such as example.deeploy.ml (letters, digits, '-' and '.'), optionally with :PORT"

    private static func rule(for field: Field) -> String {
        field == .host ? hostRule : identifierRule
    }

    /// What was wrong, where, and what would be accepted.
    public var description: String {
        switch self {
        case .empty(let field):
            return "The \(field.rawValue) is empty; \(Self.rule(for: field))."
        case .tooLong(let field, let length, let limit):
            return "The \(field.rawValue) is \(length) bytes long; at most \(limit) are allowed."
        case .pathSeparator(let field, let offset, let found):
            return "The \(field.rawValue) contains \(Diagnostic.describe(found)) at byte \(offset), which would "
                + "change the request path; \(Self.rule(for: field))."
        case .dotSegment(let field):
            return "The \(field.rawValue) is '.' or contains '..', which URL normalisation would turn into "
                + "another path; \(Self.identifierRule)."
        case .queryOrFragment(let field, let offset, let found):
            return "The \(field.rawValue) contains \(Diagnostic.describe(found)) at byte \(offset), which would "
                + "start a query or fragment; \(Self.rule(for: field))."
        case .percentSign(let field, let offset):
            return "The \(field.rawValue) contains '%' at byte \(offset), which would start a percent-encoded "
                + "character; give the id decoded. \(Self.rule(for: field).capitalizedFirst)."
        case .whitespace(let field, let offset, let found):
            return "The \(field.rawValue) contains \(Diagnostic.describe(found)) at byte \(offset); "
                + "remove whitespace (often pasted by accident). \(Self.rule(for: field).capitalizedFirst)."
        case .controlCharacter(let field, let offset, let found):
            return "The \(field.rawValue) contains the control character \(Diagnostic.describe(found)) at byte "
                + "\(offset); \(Self.rule(for: field))."
        case .disallowedCharacter(let field, let offset, let found):
            return "The \(field.rawValue) contains \(Diagnostic.describe(found)) at byte \(offset); "
                + "\(Self.rule(for: field))."
        case .hostHasScheme:
            return "The host starts with a URL scheme; give only the host name, for example example.deeploy.ml "
                + "rather than https://example.deeploy.ml (requests always go to https://api.HOST)."
        case .invalidHostLabel(let offset):
            return "The host has an empty or invalid label at byte \(offset): each dot-separated part must be "
                + "1 to 63 letters, digits or '-', not starting or ending with '-'."
        case .invalidPort(let port):
            return "The host's port \(Diagnostic.quoted(port)) is not a number from 1 to 65535."
        case .contentTypeNotAccepted(let mediaType, let accepted):
            return "The content type \(mediaType) is not accepted; accepted are \(accepted)."
        }
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// The former name of ``DeeployRequestError``.
@available(*, deprecated, renamed: "DeeployRequestError")
public typealias InferenceRequestError = DeeployRequestError
