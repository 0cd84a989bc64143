import ArgumentParser

/// Plain text for people, or JSON for programs.
enum TextOrJSON: String, CaseIterable, ExpressibleByArgument {
    /// Lines for people.
    case text
    /// JSON for programs.
    case json
}
