import ArgumentParser
import Foundation
import SweepCore
import SweepStore

/// `lstm-sweep merge A.sqlite B.sqlite … --into C.sqlite`: join result databases from several machines.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge result databases by trial identity into one (created if missing).",
        discussion: """
            A trial in several files keeps its most finished state, with every attempt. The same trial with two \
            different outcomes, or a sweep name defined differently, is reported (every one, exit status 1) and \
            nothing is written.
            """)

    @Argument(help: "The databases to merge (up to 8).")
    var sources: [String] = []

    @Option(help: "The database to merge into (created when missing).")
    var into: String

    func validate() throws {
        guard !sources.isEmpty, sources.count <= 8 else { throw badInput("merge needs 1 to 8 source databases") }
        let target = URL(fileURLWithPath: into).standardizedFileURL.path
        for source in sources {
            guard URL(fileURLWithPath: source).standardizedFileURL.path != target else {
                throw badInput("\(source): a source cannot be the --into database")
            }
            do { _ = try SweepReader(path: source) } catch { throw badInput("\(error)") }
        }
        if FileManager.default.fileExists(atPath: into) {
            do { _ = try SweepReader(path: into) } catch { throw badInput("--into \(error)") }
        }
    }

    func run() throws {
        let created = !FileManager.default.fileExists(atPath: into)
        let summary: MergeSummary
        do {
            summary = try SweepDatabase(path: into).merge(sources: sources)
        } catch let error as SweepError where error.code == .conflict {
            if created { Self.remove(into) }
            printError("error: \(error.description)\n")
            throw ExitCode(1)
        } catch {
            if created { Self.remove(into) }
            throw badInput("\(error)")
        }
        print(
            "merged \(sources.count) database(s) into \(into): \(summary.sweeps) new sweeps, \(summary.insertedTrials) new trials, "
                + "\(summary.advancedTrials) trials advanced, \(summary.outcomes) outcomes copied")
    }

    /// Removes a database this command created (with its WAL files).
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
