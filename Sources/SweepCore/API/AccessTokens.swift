// The token file shared by `serve`, `worker`, `submit` and `status` (format in docs/api.md):
//
//   # comments and blank lines are ignored
//   worker=<secret>     claim, heartbeat, result, release, submit, cancel (and every read route)
//   read=<secret>       status and metrics only

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

    /// Parses the text of a token file; `worker=` is required, `read=` optional.
    public init(parsing text: String, file: String = "token file") throws(SweepError) {
        var values: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let location = SourceLocation(file: file, line: index + 1, column: 1)
            guard let equals = line.firstIndex(of: "=") else {
                throw SweepError(.invalidSweep, "expected 'worker=TOKEN' or 'read=TOKEN'", at: location)
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard key == "worker" || key == "read" else {
                throw SweepError(.invalidSweep, "unknown key '\(key)' (known: worker, read)", at: location)
            }
            guard value.count >= 8, !value.contains(where: \.isWhitespace) else {
                throw SweepError(.invalidSweep, "the \(key) token must be at least 8 characters, no spaces", at: location)
            }
            values[key] = value
        }
        guard let worker = values["worker"] else {
            throw SweepError(.invalidSweep, "\(file): no 'worker=' line")
        }
        if let read = values["read"], read == worker {
            throw SweepError(.invalidSweep, "\(file): the read token must differ from the worker token")
        }
        self.init(worker: worker, read: values["read"])
    }

    /// Reads and parses a token file.
    public init(contentsOfFile path: String) throws(SweepError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SweepError(.invalidSweep, "\(path): cannot read the token file")
        }
        try self.init(parsing: text, file: path)
    }
}
