import ArgumentParser
import SweepStore

/// `lstm-sweep export`: every trial with its outcome, as CSV or JSON Lines on stdout.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every trial and its outcome (trialView) as CSV or JSON Lines.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this sweep.")
    var sweep: String?

    @Option(help: "CSV or JSON Lines.")
    var format: Format = .csv

    func run() throws {
        let reader = try database.openReader()
        do {
            try reader.streamExport(sweepName: sweep, format: format.table) { print($0, terminator: "") }
        } catch let error as StoreError {
            throw badInput(error.description)
        }
    }
}

extension ExportCommand {
    /// The formats `export` writes: one row per line, so that large exports stay greppable and
    /// appendable. Any other value is a one-line usage error (exit status 2).
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case csv, jsonl

        /// The table rendering of this format.
        var table: ResultTable.Format {
            switch self {
            case .csv: .csv
            case .jsonl: .jsonl
            }
        }
    }
}
