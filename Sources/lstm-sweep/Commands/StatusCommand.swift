import ArgumentParser
import SweepCore
import SweepStore

/// `lstm-sweep status --db F`: counts by state per sweep, and what is running.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show trial counts by state for each sweep, and the running trials.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let reader = try database.openReader()
        let states = TrialState.allCases
        var rows: [[ResultTable.Cell]] = []
        for name in try reader.sweepNames() {
            let counts = try reader.statusCounts(sweepName: name)
            rows.append(
                [.text(name), .integer(Int64(counts.total))] + states.map { .integer(Int64(counts[$0])) }
                    + [.integer(Int64(counts.successes))])
        }
        let summary = ResultTable(columns: ["sweep", "trials"] + states.map(\.rawValue) + ["successes"], rows: rows)
        print(summary.rendered(as: .table), terminator: "")
        let running = try reader.query(
            """
            SELECT sweepName AS sweep, substr(id, 1, 12) AS trial, attempt, leaseWorker AS worker,
                   datetime(leaseExpiresAt, 'unixepoch') AS leaseExpires
            FROM trial WHERE state = 'leased' ORDER BY sweepName, ordinal
            """)
        if !running.rows.isEmpty {
            print("\nrunning:\n" + running.rendered(as: .table), terminator: "")
        }
    }
}
