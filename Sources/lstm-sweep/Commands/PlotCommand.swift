import ArgumentParser
import Foundation
import SweepCore
import SweepStore

/// `lstm-sweep plot`: a standalone SVG chart of the result database (docs/plots.md).
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw results as a standalone SVG: success rate, sequences, learning curves, frontier, or ours vs the paper.",
        discussion: """
            success and sequences need --sweep and --x (a numeric parameter), optionally --by; curves needs --sweep \
            (--configuration picks one, 1-based as in `report`); frontier needs a frontier-search --sweep; paper needs \
            --table ("Table 4") and compares every paper row of that table the database has trials for.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "success, sequences, curves, frontier or paper.")
    var kind: ChartKind

    @Option(help: "The sweep to plot (all kinds but paper).")
    var sweep: String?

    @Option(help: "The parameter on the x axis (success, sequences; frontier: a configuration parameter).")
    var x: String?

    @Option(help: "One line per value of this parameter.")
    var by: String?

    @Option(help: "curves: which configuration, 1-based in expansion order.")
    var configuration: Int = 1

    @Option(help: "curves: at most this many trials' curves.")
    var trials: Int = 10

    @Option(help: "paper: the paper table, e.g. 'Table 4'.")
    var table: String?

    @Option(help: "paper: success (rate) or sequences (mean to success).")
    var measure: Chart.ComparedMeasure = .success

    @Option(name: [.short, .long], help: "Write the SVG to this file (default: standard output).")
    var output: String?

    func validate() throws {
        switch kind {
        case .paper:
            guard table != nil else { throw badInput("--kind paper needs --table, e.g. --table 'Table 4'") }
            guard sweep == nil, x == nil, by == nil else { throw badInput("--kind paper takes --table, not --sweep, --x or --by") }
        case .success, .sequences:
            guard sweep != nil else { throw badInput("--kind \(kind.rawValue) needs --sweep") }
            guard x != nil else { throw badInput("--kind \(kind.rawValue) needs --x, the parameter on the x axis") }
        case .curves, .frontier:
            guard sweep != nil else { throw badInput("--kind \(kind.rawValue) needs --sweep") }
        }
        guard configuration >= 1 else { throw badInput("--configuration must be at least 1") }
        guard (1...1000).contains(trials) else { throw badInput("--trials must be in 1...1000") }
        if kind != .paper, table != nil { throw badInput("--table is for --kind paper") }
    }

    func run() throws {
        let reader = try database.openReader()
        let chart: Chart
        do {
            chart = try Self.chart(kind, reader: reader, options: self)
        } catch let error as StoreError {
            throw badInput(error.description)
        } catch let error as InputError {
            throw badInput(error.description)
        }
        guard !chart.isEmpty else { throw badInput("nothing to plot: the selection has no finished trials (--kind \(kind.rawValue))") }
        try reportingInputErrors { try OutputTarget(path: output).write(Data(chart.svg().utf8)) }
    }

    static func chart(_ kind: ChartKind, reader: SweepReader, options: PlotCommand) throws -> Chart {
        let sweep = options.sweep ?? ""
        switch kind {
        case .success: return try reader.successChart(sweep: sweep, x: options.x ?? "", by: options.by)
        case .sequences: return try reader.sequencesChart(sweep: sweep, x: options.x ?? "", by: options.by)
        case .curves: return try reader.curvesChart(sweep: sweep, configuration: options.configuration, trials: options.trials)
        case .frontier:
            guard let report = try reader.frontierReports(sweepName: sweep).first else {
                throw InputError("--sweep \(sweep): no frontier search")
            }
            return Chart.frontier(report, x: options.x, by: options.by)
        case .paper:
            return try PaperComparison(reader: reader).chart(table: options.table ?? "", measure: options.measure)
        }
    }
}

extension Chart.ComparedMeasure: ExpressibleByArgument {}
extension ChartKind: ExpressibleByArgument {}
