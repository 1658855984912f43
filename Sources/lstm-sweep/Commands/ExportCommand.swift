import ArgumentParser
import SweepStore

/// `lstm-sweep export`: every trial with its outcome, as CSV or JSON Lines on stdout.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every trial and its outcome (trialView) as CSV or JSON Lines.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this sweep.")
    var sweep: String?

    @Option(help: "csv or jsonl.")
    var format: ResultTable.Format = .csv

    func validate() throws {
        guard format == .csv || format == .jsonl else { throw badInput("--format must be csv or jsonl") }
    }

    func run() throws {
        let reader = try database.openReader()
        do {
            print(try reader.export(sweepName: sweep).rendered(as: format), terminator: "")
        } catch let error as StoreError {
            throw badInput(error.description)
        }
    }
}
