// The token file shared by `serve`, `worker`, `submit` and `status` (format in docs/api.md):
//
//   # comments (also after a value) and blank lines are ignored; LF or CRLF
//   worker=<secret>     # claim, heartbeat, result, release, submit, cancel (and every read route)
//   read=<secret>       # status and metrics only

import Foundation

/// The bearer tokens of a coordinator: one for workers (writes), one read-only.
public struct AccessTokens: Sendable, Equatable {
    /// The token of workers and submitters: every route.
    public var worker: String
    /// The read-only token: status and metrics. Nil: only the worker token reads.
    public var read: String?

    /// Creates tokens.
    public init(worker: String, read: String? = nil) {
        self.worker = worker
        self.read = read
    }

    /// Parses the text of a token file; `worker=` is required, `read=` optional, each at most once.
    ///
    /// Lines end in LF or CRLF. A `#` at the start of a line or after a space or tab starts a comment
    /// (a `#` inside a token is part of it).
    public init(parsing text: String, file: String = "token file") throws(SweepError) {
        var values: [String: (value: String, line: Int)] = [:]
        // Character.isNewline: "\r\n" is one Character, so splitting on "\n" alone would miss it.
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = Self.withoutComment(rawLine).trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let location = SourceLocation(file: file, line: index + 1, column: 1)
            guard let equals = line.firstIndex(of: "=") else {
                throw SweepError(.invalidSweep, "expected 'worker=TOKEN' or 'read=TOKEN'", at: location)
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard key == "worker" || key == "read" else {
                throw SweepError(.invalidSweep, "unknown key '\(key)' (known: worker, read)", at: location)
            }
            if let first = values[key] {
                throw SweepError(
                    .invalidSweep, "a second '\(key)=' line (the first is line \(first.line)); give each key once",
                    at: location)
            }
            guard value.count >= 8, !value.contains(where: \.isWhitespace) else {
                throw SweepError(.invalidSweep, "the \(key) token must be at least 8 characters, no spaces", at: location)
            }
            values[key] = (value, index + 1)
        }
        guard let worker = values["worker"]?.value else {
            throw SweepError(.invalidSweep, "\(file): no 'worker=' line")
        }
        let read = values["read"]?.value
        if let read, read == worker {
            throw SweepError(.invalidSweep, "\(file): the read token must differ from the worker token")
        }
        self.init(worker: worker, read: read)
    }

    /// The line up to its comment: a `#` at the start or after a space or tab.
    private static func withoutComment(_ line: Substring) -> Substring {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#" && (previous == " " || previous == "\t") { return line[..<index] }
            previous = line[index]
        }
        return line
    }

    /// Reads and parses a token file.
    public init(contentsOfFile path: String) throws(SweepError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SweepError(.invalidSweep, "\(path): cannot read the token file")
        }
        try self.init(parsing: text, file: path)
    }
}
