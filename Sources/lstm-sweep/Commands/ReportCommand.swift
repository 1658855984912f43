import ArgumentParser
import SweepCore
import SweepStore

/// `lstm-sweep report`: paper-style results per configuration, or (`--paper`) per paper row beside the paper.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise results per configuration: trials, successes, sequences to success, test error.",
        discussion: """
            --paper instead sets every paper row the database has trials for (sweeps of paper presets, e.g. \
            from sweeps/paper/) beside the paper's figures, with intervals and a verdict (docs/reproduction.md). \
            --paper --readings sets each reading beside the row it departs from: configurations of a paper row \
            with other values of parameters the row leaves at their defaults (e.g. sweeps/readings/).
            """)

    @OptionGroup var database: DatabaseOptions

    // Names are compared in NFC, as sweep files and URL paths are (docs/api.md, "Sweep names").
    @Option(help: "Only this sweep.", transform: SweepName.canonical)
    var sweep: String?

    @Option(help: "Group by these parameters (comma-separated) instead of by full configuration.")
    var by: String?

    @Flag(help: "Compare every paper row in the database with the paper's Tables 1-9.")
    var paper = false

    @Flag(help: "With --paper: each reading (a paper row's configuration with other values of parameters the row leaves at their defaults) beside that row's figures.")
    var readings = false

    @Option(help: "table, markdown, csv or json.")
    var format: ResultTable.Format = .table

    @Flag(help: "Per configuration of a frontier search: largestPassing, smallestFailing and every probe.")
    var frontier = false

    func validate() throws {
        guard format != .jsonl else { throw badInput("--format must be table, markdown, csv or json") }
        guard !(frontier && by != nil) else { throw badInput("--frontier reports per configuration; drop --by") }
        if paper && (sweep != nil || by != nil) {
            throw badInput("--paper compares every paper sweep of the database; it takes no --sweep or --by")
        }
        guard !(paper && frontier) else { throw badInput("--paper and --frontier are different reports; choose one") }
        guard paper || !readings else { throw badInput("--readings compares readings with the paper's rows; add --paper") }
    }

    func run() throws {
        let reader = try database.openReader()
        do {
            if paper {
                print(try PaperComparison(reader: reader, readings: readings).rendered(as: format), terminator: "")
                return
            }
            let parameters = (by ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
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
