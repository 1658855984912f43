import ArgumentParser
import Foundation
import SweepCore
import SweepStore
import Worker

/// `lstm-sweep status [--db F | --coordinator URL]`: counts by state per sweep, and what is running.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show trial counts by state for each sweep, and the running trials.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Ask a coordinator (read token from --token-file) instead of opening --db.")
    var coordinator: String?

    @Option(help: "Token file for --coordinator (the read token is used when present).")
    var tokenFile: String?

    func run() async throws {
        if let coordinator {
            var remote = CoordinatorOptions()
            remote.coordinator = coordinator
            remote.tokenFile = tokenFile
            try remote.validate()
            let reply: StatusResponse
            do { reply = try await remote.client(readOnly: true).status() } catch { throw coordinatorFailure(error) }
            print(Self.table(reply.sweeps.map { ($0.name, $0.counts) }).rendered(as: .table), terminator: "")
            print("workers seen: \(reply.workersSeen)")
            return
        }
        let reader = try database.openReader()
        let summary = Self.table(try reader.sweepNames().map { ($0, try reader.statusCounts(sweepName: $0)) })
        print(summary.rendered(as: .table), terminator: "")
        let running = try reader.runningTrials()
        if !running.rows.isEmpty {
            print("\nrunning:\n" + running.rendered(as: .table), terminator: "")
        }
    }

    /// One row per sweep: trials, counts by state, successes.
    static func table(_ sweeps: [(String, StatusCounts)]) -> ResultTable {
        let states = TrialState.allCases
        let rows: [[ResultTable.Cell]] = sweeps.map { name, counts in
            [.text(name), .integer(Int64(counts.total))] + states.map { .integer(Int64(counts[$0])) }
                + [.integer(Int64(counts.successes))]
        }
        return ResultTable(columns: ["sweep", "trials"] + states.map(\.rawValue) + ["successes"], rows: rows)
    }
}
