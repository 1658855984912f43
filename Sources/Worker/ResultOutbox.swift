// Results that the coordinator has not acknowledged yet, one JSON file per result
// (`<trialID>-<token>.json`, one TrialCompletion) or per batch of results a slot ran from one claim
// (`<trialID>-<token>.batch.json`, named after its first result, an array of TrialCompletion). A result is written here before it is sent (temp file, fsync, rename,
// fsync of the directory), and removed only after the coordinator answered for every result in it, so a crash of
// the worker or of the coordinator loses nothing: the next start resends whatever is left.
// Several workers may share one directory: resends are idempotent (`alreadyAccepted`).

import Foundation
import SweepCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A durable queue of unacknowledged results in a directory.
public struct ResultOutbox: Sendable {
    /// The directory holding the results.
    public let directory: URL

    /// Opens (creating if needed) an outbox directory.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkerError(.outbox, "\(directory.path): cannot create the outbox: \(error.localizedDescription)")
        }
    }

    static func fileName(trialID: String, token: String) -> String { "\(trialID)-\(token).json" }

    /// Stores a result durably; returns once it is on disk.
    public func add(_ completion: TrialCompletion) throws {
        try store(APICoding.encode(completion), name: Self.fileName(trialID: completion.trialID, token: completion.token))
    }

    /// Stores a batch of results durably as one file (one fsync of the file, one of the directory);
    /// returns its name, for ``remove(files:)``.
    @discardableResult
    public func add(batch completions: [TrialCompletion]) throws -> String {
        guard let first = completions.first else { return "" }
        if completions.count == 1 {
            try add(first)
            return Self.fileName(trialID: first.trialID, token: first.token)
        }
        let name = "\(first.trialID)-\(first.token).batch.json"
        try store(APICoding.encode(completions), name: name)
        return name
    }

    private func store(_ data: Data, name: String) throws {
        let final = directory.appendingPathComponent(name).path
        let temporary = directory.appendingPathComponent(".\(name).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw failure("open \(temporary)") }
        let written = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, base + offset, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced else { throw failure("write \(temporary)") }
        guard rename(temporary, final) == 0 else { throw failure("rename \(temporary)") }
        syncDirectory()
    }

    /// Forgets a result the coordinator answered for (accepted, resend or late duplicate).
    public func remove(trialID: String, token: String) {
        unlink(directory.appendingPathComponent(Self.fileName(trialID: trialID, token: token)).path)
    }

    /// One stored file and the results in it.
    public struct Entry: Sendable {
        /// The file name inside the outbox directory.
        public var file: String
        /// Its results (one, or a batch).
        public var completions: [TrialCompletion]
    }

    /// Removes files whose every result the coordinator answered for.
    public func remove(files: [String]) {
        for file in files where !file.isEmpty { unlink(directory.appendingPathComponent(file).path) }
    }

    /// Every stored result (modified before `cutoff`, when given), oldest first; unreadable files
    /// are skipped and left for inspection.
    public func pending(modifiedBefore cutoff: Date? = nil) -> [TrialCompletion] {
        entries(modifiedBefore: cutoff).flatMap(\.completions)
    }

    /// Every stored file with its results (modified before `cutoff`, when given), oldest first.
    public func entries(modifiedBefore cutoff: Date? = nil) -> [Entry] {
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        guard
            let files = try? FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        let dated = files.filter { $0.pathExtension == "json" }.map { file in
            (file, (try? file.resourceValues(forKeys: Set(keys)).contentModificationDate) ?? .distantPast)
        }
        return dated.filter { entry in cutoff.map { entry.1 < $0 } ?? true }.sorted { $0.1 < $1.1 }.compactMap { file, _ in
            guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
            let name = file.lastPathComponent
            if name.hasSuffix(".batch.json") {
                return (try? APICoding.decode([TrialCompletion].self, from: data)).map { Entry(file: name, completions: $0) }
            }
            return (try? APICoding.decode(TrialCompletion.self, from: data)).map { Entry(file: name, completions: [$0]) }
        }
    }

    /// The number of stored files (a batch counts once); zero when nothing is left to send.
    public var count: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.count
    }

    private func syncDirectory() {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private func failure(_ what: String) -> WorkerError {
        WorkerError(.outbox, "outbox: \(what) failed: \(String(cString: strerror(errno)))")
    }
}
