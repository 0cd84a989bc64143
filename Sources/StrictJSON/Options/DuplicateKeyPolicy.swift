extension JSONOptions {
    /// What a reader does with an object member whose key appeared earlier in the same object.
    ///
    /// RFC 8259 §4 says names should be unique and that receivers behave differently when
    /// they are not. Keys are compared as Swift strings after unescaping, so `"a"` and
    /// `"\u0061"` are the same key.
    public enum DuplicateKeyPolicy: Sendable, Hashable, CaseIterable {
        /// Fail with ``JSONError/Kind/duplicateKey`` at the second occurrence's key.
        case reject
        /// Keep the first occurrence in its place; drop later ones.
        case keepFirst
        /// Keep the last occurrence in its place; drop earlier ones.
        ///
        /// `{"a":1,"b":2,"a":3}` reads as `{"b":2,"a":3}`.
        case keepLast
    }
}
