// How sweep names compare (issue 16, item 6; docs/api.md, "Sweep names"). A name is normalised to
// Unicode NFC wherever it enters: the sweep file's `name:`, a claim's `sweepName`, a URL path. So
// "café" typed as one code point (NFC) or as "e" plus a combining accent (NFD, as macOS file names
// are) is one sweep, and a name that is not ASCII is reachable through its percent-encoded path.

import Foundation

/// The canonical spelling of sweep names.
public enum SweepName {
    /// `name` in Unicode Normalization Form C.
    public static func canonical(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
    }

    /// A `{name}` path parameter percent-decoded (`%CE%A9mega` is `Ωmega`) and normalised; nil when
    /// its percent-encoding is not valid UTF-8.
    public static func fromPathParameter(_ parameter: some StringProtocol) -> String? {
        String(parameter).removingPercentEncoding.map(canonical)
    }
}
