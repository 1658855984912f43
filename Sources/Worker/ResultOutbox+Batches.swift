// Reading the outbox back as requests the coordinator accepts: batches bounded by bytes as well as
// by count, so a backlog of long learning curves never becomes one request past the coordinator's
// 16 MiB batch limit (issue 16, defect 5: that 413 was retried forever).
//
// The rule for one result too big to send (docs/api.md, Workers): its learning curve is thinned,
// every other point dropped (the first and last always kept), until the result's JSON fits
// `maximumResultBytes`; `metrics["curvePointsBeforeThinning"]` records the original count. A result
// still too big without its curve is sent as it is, alone, and set aside if the coordinator refuses it.

import Foundation
import SweepCore

extension ResultOutbox {
    /// The most bytes of results one request carries: half the coordinator's 16 MiB batch limit, so
    /// the JSON framing and a coordinator with a smaller limit leave room.
    public static let maximumBatchBytes = 8 * 1024 * 1024
    /// The most bytes one result's JSON takes after thinning: under the coordinator's 1 MiB limit for
    /// one result (`POST /v1/trials/{id}/result`), with room for the request around it.
    public static let maximumResultBytes = 1_000_000

    /// Results to send in one request, and the outbox files that hold exactly them.
    public struct Batch: Sendable {
        /// The results, oldest file first.
        public var completions: [TrialCompletion]
        /// The files to remove once the coordinator answered for every result.
        public var files: [String]
        /// Their JSON size, in bytes.
        public var bytes: Int
    }

    /// One stored file and the results in it.
    public struct Entry: Sendable {
        /// The file name inside the outbox directory.
        public var file: String
        /// Its results (one, or a batch).
        public var completions: [TrialCompletion]
        /// The file's size in bytes.
        public var bytes: Int
    }

    /// Every stored result (modified before `cutoff`, when given), oldest first.
    public func pending(modifiedBefore cutoff: Date? = nil) -> [TrialCompletion] {
        entries(modifiedBefore: cutoff).flatMap(\.completions)
    }

    /// The stored results as requests to send, oldest first: consecutive files grouped while they fit
    /// ``maximumBatchBytes`` and `maxResults`; a file that was set aside to go alone is a batch of its own.
    public func batches(modifiedBefore cutoff: Date? = nil, maxResults: Int = 500) -> [Batch] {
        var batches: [Batch] = []
        var current = Batch(completions: [], files: [], bytes: 0)
        for entry in entries(modifiedBefore: cutoff) {
            let alone = entry.file.hasSuffix(Self.aloneSuffix)
            let fits =
                current.bytes + entry.bytes <= Self.maximumBatchBytes
                && current.completions.count + entry.completions.count <= max(1, maxResults)
            if !current.files.isEmpty && (alone || !fits) {
                batches.append(current)
                current = Batch(completions: [], files: [], bytes: 0)
            }
            current.completions += entry.completions
            current.files.append(entry.file)
            current.bytes += entry.bytes
            if alone {
                batches.append(current)
                current = Batch(completions: [], files: [], bytes: 0)
            }
        }
        if !current.files.isEmpty { batches.append(current) }
        return batches
    }

    /// Every stored file with its results (modified before `cutoff`, when given), oldest first.
    ///
    /// A file that does not decode is moved to `quarantine/` with a logged line; a file past
    /// ``maximumBatchBytes`` (written before batches were bounded) is rewritten as files that fit.
    public func entries(modifiedBefore cutoff: Date? = nil) -> [Entry] {
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        guard
            let files = try? FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        let dated = files.filter { $0.pathExtension == "json" }.map { file in
            (file, (try? file.resourceValues(forKeys: Set(keys)).contentModificationDate) ?? .distantPast)
        }
        var entries: [Entry] = []
        for (file, _) in dated.filter({ entry in cutoff.map { entry.1 < $0 } ?? true }).sorted(by: { $0.1 < $1.1 }) {
            // Gone meanwhile (another worker sharing the directory sent it): nothing to do.
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let name = file.lastPathComponent
            let completions =
                name.hasSuffix(".batch.json")
                ? try? APICoding.decode([TrialCompletion].self, from: data)
                : (try? APICoding.decode(TrialCompletion.self, from: data)).map { [$0] }
            guard let completions, !completions.isEmpty else {
                quarantine(name, reason: "it does not decode as results")
                continue
            }
            guard data.count > Self.maximumBatchBytes || (completions.count == 1 && data.count > Self.maximumResultBytes)
            else {
                entries.append(Entry(file: name, completions: completions, bytes: data.count))
                continue
            }
            // Too big to send as stored: store it again in parts that fit, then drop the original.
            guard let parts = try? add(batch: completions) else { continue }
            if !parts.contains(where: { $0.files.contains(name) }) { remove(files: [name]) }
            entries += parts.map { Entry(file: $0.files[0], completions: $0.completions, bytes: $0.bytes) }
        }
        return entries
    }

    // MARK: - Fitting results into requests

    /// `completion` and its JSON, its curve thinned if the JSON is past ``maximumResultBytes``.
    static func fitted(_ completion: TrialCompletion) throws -> (TrialCompletion, Data) {
        var completion = completion
        var data = try APICoding.encode(completion)
        guard data.count > maximumResultBytes else { return (completion, data) }
        completion.result = thinned(completion.result, toFit: maximumResultBytes, bytes: data.count)
        data = try APICoding.encode(completion)
        while data.count > maximumResultBytes && completion.result.curve.count > 2 {
            completion.result = thinned(completion.result, toFit: maximumResultBytes, bytes: data.count)
            data = try APICoding.encode(completion)
        }
        return (completion, data)
    }

    /// `result` with every other curve point dropped, as often as the size ratio asks (first and last
    /// points kept), and the original point count in `metrics["curvePointsBeforeThinning"]`.
    static func thinned(_ result: TrialResult, toFit limit: Int, bytes: Int) -> TrialResult {
        var result = result
        let original = result.metrics["curvePointsBeforeThinning"] ?? Double(result.curve.count)
        var stride = 2
        while bytes / stride > limit && stride < result.curve.count { stride *= 2 }
        let curve = result.curve
        guard curve.count > 2 else { return result }
        var kept = Swift.stride(from: 0, to: curve.count - 1, by: stride).map { curve[$0] }
        kept.append(curve[curve.count - 1])
        result.curve = kept
        result.metrics["curvePointsBeforeThinning"] = original
        return result
    }

    /// `completions` fitted one by one and grouped in order into runs of at most `maxBytes`.
    static func chunks(_ completions: [TrialCompletion], maxBytes: Int) throws -> [(
        completions: [TrialCompletion], encoded: [Data]
    )] {
        var chunks: [(completions: [TrialCompletion], encoded: [Data])] = []
        var bytes = 0
        for completion in completions {
            let (fitted, data) = try fitted(completion)
            // JSON array framing: one comma per element, two brackets.
            if let last = chunks.last, !last.completions.isEmpty, bytes + data.count + 2 > maxBytes {
                chunks.append(([], []))
                bytes = 0
            }
            if chunks.isEmpty { chunks.append(([], [])) }
            chunks[chunks.count - 1].completions.append(fitted)
            chunks[chunks.count - 1].encoded.append(data)
            bytes += data.count + 1
        }
        return chunks
    }
}
