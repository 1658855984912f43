// Adaptive searches, read back: plans (the `search` table), decisions (`searchDecision`) and the
// frontier report built from them.

import Foundation
import GRDB
import SweepCore

extension SweepReader {
    /// The search plan of a sweep, or nil when the sweep has no search.
    public func searchPlan(sweepName: String) throws -> SearchPlan? {
        try queue.read { db in try Self.searchPlan(db, sweepName: sweepName) }
    }

    static func searchPlan(_ db: Database, sweepName: String) throws -> SearchPlan? {
        try String.fetchOne(db, sql: "SELECT plan FROM search WHERE sweepName = ?", arguments: [sweepName])
            .map(SearchPlan.decode(json:))
    }

    /// The recorded decisions of a sweep's search, by configuration and step.
    public func searchDecisions(sweepName: String) throws -> [SearchDecision] {
        try queue.read { db in try Self.searchDecisions(db, sweepName: sweepName) }
    }

    static func searchDecisions(_ db: Database, sweepName: String) throws -> [SearchDecision] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT configuration, step, kind, value, trials, successes, score, detail FROM searchDecision
                WHERE sweepName = ? ORDER BY configuration, step
                """,
            arguments: [sweepName]
        ).map { row in
            SearchDecision(
                configuration: row["configuration"], step: row["step"],
                kind: SearchDecision.Kind(rawValue: row["kind"]) ?? .fail, value: row["value"], trials: row["trials"],
                successes: row["successes"], score: row["score"], detail: row["detail"])
        }
    }

    /// The frontier report of one sweep, or nil when it has no frontier search.
    static func frontierReport(_ db: Database, sweepName: String) throws -> FrontierReport? {
        guard let plan = try searchPlan(db, sweepName: sweepName) else { return nil }
        return FrontierReport(plan: plan, decisions: try searchDecisions(db, sweepName: sweepName))
    }

    /// The frontier reports of one sweep, or of every sweep with a frontier search (oldest first).
    ///
    /// Throws `.notFound` for a named sweep that does not exist or has no frontier search.
    public func frontierReports(sweepName: String? = nil) throws -> [FrontierReport] {
        let names = try sweepName.map { [$0] } ?? sweepNames()
        var reports: [FrontierReport] = []
        for name in names {
            guard let plan = try searchPlan(sweepName: name),
                let report = FrontierReport(plan: plan, decisions: try searchDecisions(sweepName: name))
            else {
                if sweepName != nil { throw StoreError(.badRequest, "sweep '\(name)' has no frontier search") }
                continue
            }
            reports.append(report)
        }
        return reports
    }
}

extension FrontierReport {
    /// The reports as a table: one row per configuration. In JSON the configuration and the probes
    /// are JSON values; elsewhere the probes read `value:successes/trials`, `+` passed, `-` failed.
    public static func table(_ reports: [FrontierReport], json: Bool) -> ResultTable {
        var rows: [[ResultTable.Cell]] = []
        for report in reports {
            for entry in report.entries {
                let probes: ResultTable.Cell =
                    json
                    ? .json("[" + entry.probes.map {
                        "{\"value\":\($0.value),\"trials\":\($0.trials),\"successes\":\($0.successes),\"passed\":\($0.passed)}"
                    }.joined(separator: ",") + "]")
                    : .text(entry.probes.map { "\($0.value):\($0.successes)/\($0.trials)\($0.passed ? "+" : "-")" }
                        .joined(separator: " "))
                rows.append([
                    .text(report.sweepName), .json(ParameterValue.canonicalJSON(entry.configuration)), .text(entry.parameter),
                    entry.largestPassing.map { .integer(Int64($0)) } ?? .null,
                    entry.smallestFailing.map { .integer(Int64($0)) } ?? .null,
                    json ? .json(entry.finished ? "true" : "false") : .text(entry.finished ? "yes" : "no"), probes,
                ])
            }
        }
        return ResultTable(
            columns: ["sweep", "configuration", "parameter", "largestPassing", "smallestFailing", "finished", "probes"],
            rows: rows)
    }
}
