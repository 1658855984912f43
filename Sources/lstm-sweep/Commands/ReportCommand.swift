import ArgumentParser
import SweepCore
import SweepStore

/// `lstm-sweep report`: paper-style results per configuration.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise results per configuration: trials, successes, sequences to success, test error.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only this sweep.")
    var sweep: String?

    @Option(help: "Group by these parameters (comma-separated) instead of by full configuration.")
    var by: String?

    @Option(help: "table, markdown, csv or json.")
    var format: ResultTable.Format = .table

    @Flag(help: "Per configuration of a frontier search: largestPassing, smallestFailing and every probe.")
    var frontier = false

    func validate() throws {
        guard format != .jsonl else { throw badInput("--format must be table, markdown, csv or json") }
        guard !(frontier && by != nil) else { throw badInput("--frontier reports per configuration; drop --by") }
    }

    func run() throws {
        let reader = try database.openReader()
        let parameters = (by ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            let table =
                frontier
                ? FrontierReport.table(try reader.frontierReports(sweepName: sweep), json: format == .json)
                : try reader.report(sweepName: sweep, by: parameters)
            print(table.rendered(as: format), terminator: "")
        } catch let error as StoreError {
            throw badInput(error.description)
        }
    }
}

import Foundation
