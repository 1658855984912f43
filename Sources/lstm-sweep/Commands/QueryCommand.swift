import ArgumentParser
import SweepStore

/// `lstm-sweep query "SQL"`: read-only SQL over the result database.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL on the result database (tables and views: docs/schema.md).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The SQL statement.")
    var sql: String

    @Option(help: "table, markdown, csv, json or jsonl (all but table are printed row by row, as read).")
    var format: ResultTable.Format = .table

    func run() throws {
        let reader = try database.openReader()
        do {
            // Row by row (all formats but the aligned table): stdout holds one row at a time.
            try reader.streamQuery(sql, format: format) { print($0, terminator: "") }
        } catch let error as StoreError {
            throw badInput(error.description)
        }
    }
}
