import ArgumentParser
import SweepStore

/// `--db FILE`: the result database shared by run, report, query, export and status.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite result database.")
    var path: String = "results.sqlite"

    /// Opens the database read-only, or exits with status 2 when it is missing or not a result database.
    func openReader() throws -> SweepReader {
        do {
            return try SweepReader(path: path)
        } catch {
            throw badInput("--db \(error)")
        }
    }
}

extension ResultTable.Format: ExpressibleByArgument {}
