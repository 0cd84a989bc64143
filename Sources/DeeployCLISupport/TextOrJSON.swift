import ArgumentParser

/// Plain text for people, or JSON for programs: the `--format` of the commands that print one
/// or the other.
package enum TextOrJSON: String, CaseIterable, ExpressibleByArgument {
    /// Lines for people.
    case text
    /// JSON for programs.
    case json
}
