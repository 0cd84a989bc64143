internal import CMagic

/// A tunable limit of libmagic, read with ``MagicCookie/value(of:)`` and set with
/// ``MagicCookie/setValue(_:for:)``.
public struct MagicParameter: RawRepresentable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The C parameter number.
    public var rawValue: Int32

    /// Creates a parameter from its C number.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// How many levels of recursion `indirect` magic may use.
    /// The corresponding C constant is `MAGIC_PARAM_INDIR_MAX`.
    public static let indirectionMax = MagicParameter(rawValue: MAGIC_PARAM_INDIR_MAX)
    /// How many levels of recursion `name`/`use` magic may use.
    /// The corresponding C constant is `MAGIC_PARAM_NAME_MAX`.
    public static let nameMax = MagicParameter(rawValue: MAGIC_PARAM_NAME_MAX)
    /// The most ELF program headers processed.
    /// The corresponding C constant is `MAGIC_PARAM_ELF_PHNUM_MAX`.
    public static let elfProgramHeadersMax = MagicParameter(rawValue: MAGIC_PARAM_ELF_PHNUM_MAX)
    /// The most ELF section headers processed.
    /// The corresponding C constant is `MAGIC_PARAM_ELF_SHNUM_MAX`.
    public static let elfSectionHeadersMax = MagicParameter(rawValue: MAGIC_PARAM_ELF_SHNUM_MAX)
    /// The most ELF notes processed.
    /// The corresponding C constant is `MAGIC_PARAM_ELF_NOTES_MAX`.
    public static let elfNotesMax = MagicParameter(rawValue: MAGIC_PARAM_ELF_NOTES_MAX)
    /// The length limit for regular-expression searches.
    /// The corresponding C constant is `MAGIC_PARAM_REGEX_MAX`.
    public static let regexMax = MagicParameter(rawValue: MAGIC_PARAM_REGEX_MAX)
    /// The most bytes read from a file or descriptor.
    /// The corresponding C constant is `MAGIC_PARAM_BYTES_MAX`.
    public static let bytesMax = MagicParameter(rawValue: MAGIC_PARAM_BYTES_MAX)
    /// The most bytes examined to guess a text encoding.
    /// The corresponding C constant is `MAGIC_PARAM_ENCODING_MAX`.
    public static let encodingMax = MagicParameter(rawValue: MAGIC_PARAM_ENCODING_MAX)

    /// Every parameter libmagic 5.44 knows.
    public static let allCases: [MagicParameter] = [
        .indirectionMax, .nameMax, .elfProgramHeadersMax, .elfSectionHeadersMax,
        .elfNotesMax, .regexMax, .bytesMax, .encodingMax,
    ]

    /// The C constant's name, such as `MAGIC_PARAM_BYTES_MAX`.
    public var description: String {
        switch self {
        case .indirectionMax: "MAGIC_PARAM_INDIR_MAX"
        case .nameMax: "MAGIC_PARAM_NAME_MAX"
        case .elfProgramHeadersMax: "MAGIC_PARAM_ELF_PHNUM_MAX"
        case .elfSectionHeadersMax: "MAGIC_PARAM_ELF_SHNUM_MAX"
        case .elfNotesMax: "MAGIC_PARAM_ELF_NOTES_MAX"
        case .regexMax: "MAGIC_PARAM_REGEX_MAX"
        case .bytesMax: "MAGIC_PARAM_BYTES_MAX"
        case .encodingMax: "MAGIC_PARAM_ENCODING_MAX"
        default: "MAGIC_PARAM(\(rawValue))"
        }
    }
}
