// Paper-style reports: one row per configuration (or per value of the --by parameters), with
// trials, successes, success rate, sequences to success (mean, median, min, max) and test error.
// Without --by it reads configurationView; with --by it runs the same aggregation grouped by
// json_extract of the chosen parameters.

import Foundation
import GRDB
import SweepCore

extension SweepReader {
    static let measures = """
        trials, finished, successes, successRate, meanSequencesToSuccess, medianSequencesToSuccess,
        minSequencesToSuccess, maxSequencesToSuccess, meanTestErrorRate, meanTestMSE
        """

    /// The report table; `by` groups by those parameters instead of by full configuration.
    public func report(sweepName: String? = nil, by parameters: [String] = []) throws -> ResultTable {
        if let sweepName, try !sweepNames().contains(sweepName) {
            throw StoreError(.badRequest, "no sweep named '\(sweepName)' (have: \(try sweepNames().joined(separator: ", ")))")
        }
        guard !parameters.isEmpty else {
            let filter = sweepName == nil ? "" : "WHERE c.sweep = ?"
            var table = try query(
                """
                SELECT c.sweep, c.params AS configuration, \(Self.measures) FROM configurationView c \(filter)
                ORDER BY c.sweep, (SELECT MIN(ordinal) FROM trial t WHERE t.sweepName = c.sweep AND t.params = c.params)
                """, arguments: sweepName.map { [$0] } ?? [])
            table.rows = table.rows.map { row in [row[0], .text(Self.compact(row[1].text))] + row.dropFirst(2) }
            return table
        }
        // The names this sweep's trials have (every sweep's without a name).
        let filter = sweepName == nil ? "" : "WHERE trial.sweepName = ?"
        let known = try query(
            "SELECT DISTINCT j.key FROM trial, json_each(trial.params) j \(filter) ORDER BY 1",
            arguments: sweepName.map { [$0] } ?? []
        ).rows.map(\.[0].text)
        for name in parameters where !known.contains(name) {
            throw StoreError(.badRequest, "unknown parameter '\(name)' in --by (known: \(known.joined(separator: ", ")))")
        }
        let sql = Self.groupedReportSQL(parameters: parameters, filtered: sweepName != nil)
        return try query(sql, arguments: sweepName.map { [$0] } ?? [])
    }

    /// `{"a":1,"b":[1.0,2.0]}` as `a=1 b=[1.0,2.0]`, for human-facing tables.
    static func compact(_ json: String) -> String {
        guard let data = json.data(using: .utf8),
            let parameters = try? JSONDecoder().decode([String: ParameterValue].self, from: data)
        else { return json }
        return parameters.keys.sorted().map { "\($0)=\(parameters[$0]?.canonicalJSON ?? "")" }.joined(separator: " ")
    }

    static func groupedReportSQL(parameters: [String], filtered: Bool) -> String {
        // Names were checked against the stored keys, so quoting them into the JSON path is safe.
        let keys = parameters.indices.map { "g\($0)" }
        let extracts = zip(parameters, keys).map { name, key in
            "json_extract(t.params, '$.\"\(name.replacingOccurrences(of: "'", with: "''"))\"') AS \(key)"
        }.joined(separator: ", ")
        let group = (["sweep"] + keys).joined(separator: ", ")
        func on(_ left: String, _ right: String) -> String {
            (["sweep"] + keys).map { "\(left).\($0) IS \(right).\($0)" }.joined(separator: " AND ")
        }
        let columns = zip(parameters, keys).map { "totals.\($1) AS \"\($0)\"" }.joined(separator: ", ")
        return """
            WITH base AS (
                SELECT t.sweepName AS sweep, \(extracts), t.state AS state, t.ordinal AS ordinal, o.success AS success,
                       o.sequences AS sequences, o.testMSE AS testMSE,
                       CASE WHEN o.testSize > 0 THEN CAST(o.testWrong AS REAL) / o.testSize END AS testErrorRate
                FROM trial t LEFT JOIN outcome o ON o.trialId = t.id
                \(filtered ? "WHERE t.sweepName = ?" : "")
            ),
            ranked AS (
                SELECT \(group), sequences,
                       ROW_NUMBER() OVER (PARTITION BY \(group) ORDER BY sequences) AS position,
                       COUNT(*) OVER (PARTITION BY \(group)) AS successCount
                FROM base WHERE success = 1
            ),
            medians AS (
                SELECT \(group), AVG(sequences) AS medianSequencesToSuccess FROM ranked
                WHERE position IN ((successCount + 1) / 2, (successCount + 2) / 2) GROUP BY \(group)
            ),
            totals AS (
                SELECT \(group), MIN(ordinal) AS firstOrdinal, COUNT(*) AS trials,
                       SUM(state IN ('done', 'failed', 'cancelled')) AS finished,
                       COALESCE(SUM(success), 0) AS successes,
                       CASE WHEN COUNT(success) > 0 THEN CAST(SUM(success) AS REAL) / COUNT(success) END AS successRate,
                       AVG(CASE WHEN success = 1 THEN sequences END) AS meanSequencesToSuccess,
                       MIN(CASE WHEN success = 1 THEN sequences END) AS minSequencesToSuccess,
                       MAX(CASE WHEN success = 1 THEN sequences END) AS maxSequencesToSuccess,
                       AVG(testErrorRate) AS meanTestErrorRate, AVG(testMSE) AS meanTestMSE
                FROM base GROUP BY \(group)
            )
            SELECT totals.sweep AS sweep, \(columns), trials, finished, successes, successRate,
                   meanSequencesToSuccess, m.medianSequencesToSuccess AS medianSequencesToSuccess,
                   minSequencesToSuccess, maxSequencesToSuccess, meanTestErrorRate, meanTestMSE
            FROM totals LEFT JOIN medians m ON \(on("m", "totals"))
            ORDER BY totals.sweep, totals.firstOrdinal
            """
    }
}
