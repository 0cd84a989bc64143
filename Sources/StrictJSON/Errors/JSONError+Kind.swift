extension JSONError {
    /// The rule of RFC 8259 (or of ``JSONOptions``) that a document broke.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A byte that cannot start or continue anything valid here (RFC 8259 §2).
        case unexpectedByte
        /// The input ended inside a value, or before any value.
        case unexpectedEnd
        /// A string holds bytes that are not well-formed UTF-8 (RFC 8259 §8.1, RFC 3629 §3),
        /// including overlong forms, encoded surrogates and code points above U+10FFFF.
        case invalidUTF8
        /// A backslash not followed by one of `"\/bfnrt` or by `u` and four hex digits (§7).
        case invalidEscape
        /// A `\uD800`–`\uDFFF` escape without its other half (§8.2).
        case unpairedSurrogate
        /// A number with a leading zero, such as `01` or `-00` (§6).
        case leadingZero
        /// A number missing digits after `-`, `.`, `e` or an exponent sign (§6).
        case invalidNumber
        /// A misspelled `true`, `false` or `null` (§3); also `NaN`-like words that start the same.
        case invalidLiteral
        /// An unescaped byte below 0x20 inside a string (§7).
        case controlCharacterInString
        /// A `,` directly before `]` or `}` (§4, §5).
        case trailingComma
        /// Something other than whitespace after the top-level value (§2).
        case trailingGarbage
        /// Nesting deeper than ``JSONOptions/maxDepth`` (§9).
        case tooDeep
        /// A document longer than ``JSONOptions/maxSize`` (§9).
        case tooLarge
        /// A UTF-8 byte-order mark while ``JSONOptions/allowByteOrderMark`` is `false` (§8.1).
        case byteOrderMark
        /// An object key seen twice while ``JSONOptions/duplicateKeys`` is `.reject` (§4).
        case duplicateKey
        /// Valid JSON of another type than the one asked for (for example, spans of an array
        /// asked of an object).
        case unexpectedType
    }
}
