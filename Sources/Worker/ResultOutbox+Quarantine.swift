// What the outbox does with results it cannot deliver (issue 16, defect 5). Before, a file that no
// longer decoded stayed forever (so `--exit-when-idle` never exited) and a batch the coordinator
// refused was rebuilt and refused again forever. Now:
// - a file that does not decode is moved to `quarantine/`, with one logged line;
// - a refused batch of several results is split, each result stored to go on its own
//   (`…​.alone.json`), so one bad result no longer holds back the others;
// - a refused result on its own is moved to `quarantine/`, with the coordinator's reason logged.
// Quarantined files are kept for inspection; their trials are run again once their leases expire.

import Foundation
import SweepCore

extension ResultOutbox {
    /// The subfolder holding files that will not be sent again.
    public static let quarantineFolder = "quarantine"
    /// The suffix of a file that is sent in a request of its own.
    static let aloneSuffix = ".alone.json"

    /// The quarantine folder's location.
    public var quarantineDirectory: URL { directory.appendingPathComponent(Self.quarantineFolder) }

    /// Handles a batch the coordinator refused as a whole (a 4xx other than 401/403): a batch of several
    /// results is split so each goes alone next time; a single result is moved to the quarantine.
    public func setAside(_ batch: Batch, reason: String) {
        guard batch.completions.count > 1 else {
            for file in batch.files { quarantine(file, reason: "the coordinator refused it: \(reason)") }
            return
        }
        for completion in batch.completions {
            let name = "\(completion.trialID)-\(completion.token)\(Self.aloneSuffix)"
            guard let data = try? APICoding.encode(completion), (try? store(data, name: name)) != nil else {
                logger.error("outbox: cannot store trial \(completion.trialID.prefix(12)) on its own; keeping its batch")
                return
            }
        }
        remove(files: batch.files.filter { !$0.hasSuffix(Self.aloneSuffix) })
        logger.warning(
            "outbox: the coordinator refused a batch of \(batch.completions.count) results (\(reason)); each is resent on its own")
    }

    /// Moves one file to `quarantine/` and logs one line naming it and why.
    func quarantine(_ file: String, reason: String) {
        let target = quarantineDirectory
        try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let from = directory.appendingPathComponent(file).path
        guard rename(from, target.appendingPathComponent(file).path) == 0 else {
            logger.error("outbox: cannot move \(file) to \(Self.quarantineFolder)/: \(String(cString: strerror(errno)))")
            return
        }
        syncDirectory()
        logger.error("outbox: moved \(file) to \(target.path) (not sent again): \(reason)")
    }
}
