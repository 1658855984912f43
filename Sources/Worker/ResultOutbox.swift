// Results that the coordinator has not acknowledged yet, one JSON file per result
// (`<trialID>-<token>.json`, one TrialCompletion) or per batch of results a slot ran from one claim
// (`<trialID>-<token>.batch.json`, named after its first result, an array of TrialCompletion). A result is written here before it is sent (temp file, fsync, rename,
// fsync of the directory), and removed only after the coordinator answered for every result in it, so a crash of
// the worker or of the coordinator loses nothing: the next start resends whatever is left.
// Several workers may share one directory: resends are idempotent (`alreadyAccepted`).
// Sending is bounded by bytes (ResultOutbox+Batches.swift); files that no longer decode, and results the
// coordinator refuses on their own, are moved to `quarantine/` (ResultOutbox+Quarantine.swift).

import Foundation
import Logging
import SweepCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A durable queue of unacknowledged results in a directory.
///
/// Whatever engine runs the trials calls it the same way:
///
/// ```swift
/// let outbox = try ResultOutbox(directory: folder)
/// for batch in try outbox.add(batch: completions) {          // stored first, then sent
///     send batch.completions; on an answer: outbox.remove(files: batch.files)
///                           on a 4xx refusal: outbox.setAside(batch, reason: …)
/// }
/// for batch in outbox.batches(maxResults: 500) { … the same … }  // resends, oldest first
/// ```
public struct ResultOutbox: Sendable {
    /// The directory holding the results.
    public let directory: URL
    let logger: Logger

    /// Opens (creating if needed) an outbox directory.
    public init(directory: URL, logger: Logger = Logger(label: "lstm-sweep.outbox")) throws {
        self.directory = directory
        self.logger = logger
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WorkerError(.outbox, "\(directory.path): cannot create the outbox: \(error.localizedDescription)")
        }
    }

    static func fileName(trialID: String, token: String) -> String { "\(trialID)-\(token).json" }

    /// Stores a result durably (its curve thinned first if it is past ``maximumResultBytes``);
    /// returns once it is on disk.
    public func add(_ completion: TrialCompletion) throws {
        let (completion, data) = try Self.fitted(completion)
        try store(data, name: Self.fileName(trialID: completion.trialID, token: completion.token))
    }

    /// Stores results durably, in as few files as fit ``maximumBatchBytes`` each (one fsync per file,
    /// one of the directory), and returns them as the batches to send, in order.
    ///
    /// Each result past ``maximumResultBytes`` has its curve thinned first (``thinned(_:toFit:)``).
    @discardableResult
    public func add(batch completions: [TrialCompletion]) throws -> [Batch] {
        var batches: [Batch] = []
        for chunk in try Self.chunks(completions, maxBytes: Self.maximumBatchBytes) {
            let first = chunk.completions[0]
            let name =
                chunk.completions.count == 1
                ? Self.fileName(trialID: first.trialID, token: first.token) : "\(first.trialID)-\(first.token).batch.json"
            let data = chunk.completions.count == 1 ? chunk.encoded[0] : try APICoding.encode(chunk.completions)
            try store(data, name: name)
            batches.append(Batch(completions: chunk.completions, files: [name], bytes: data.count))
        }
        return batches
    }

    func store(_ data: Data, name: String) throws {
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

    /// Removes files whose every result the coordinator answered for.
    public func remove(files: [String]) {
        for file in files where !file.isEmpty { unlink(directory.appendingPathComponent(file).path) }
    }

    /// The number of stored files (a batch counts once); zero when nothing is left to send.
    /// Quarantined files are not counted.
    public var count: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.count
    }

    func syncDirectory() {
        let descriptor = open(directory.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    func failure(_ what: String) -> WorkerError {
        WorkerError(.outbox, "outbox: \(what) failed: \(String(cString: strerror(errno)))")
    }
}
