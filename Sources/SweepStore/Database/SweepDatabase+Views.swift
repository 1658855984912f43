// The stable views of migration "v1-create-schema" (frozen with it). configurationView computes
// the median with window functions: rank the successful trials of each configuration by
// `sequences`, then average the middle one (odd count) or two (even count).

extension SweepDatabase {
    static let viewsV1 = """
        CREATE VIEW trialView AS
        SELECT t.id AS trialId, t.sweepName AS sweep, s.preset AS preset, t.ordinal AS ordinal,
               t.params AS params, t.seed AS seed, t.state AS state, t.attempt AS attempt,
               t.failureReason AS failureReason, t.leaseWorker AS leaseWorker,
               o.success AS success, o.stopReason AS stopReason, o.sequences AS sequences,
               o.testWrong AS testWrong, o.testSize AS testSize,
               CASE WHEN o.testSize > 0 THEN CAST(o.testWrong AS REAL) / o.testSize END AS testErrorRate,
               o.testMSE AS testMSE, o.testMeanAbsError AS testMeanAbsError,
               o.weightCount AS weightCount, o.steps AS steps, o.wallSeconds AS wallSeconds,
               o.cpuSeconds AS cpuSeconds, o.stepsPerSecond AS stepsPerSecond,
               o.precision AS precision, o.method AS method, o.errorMessage AS errorMessage,
               o.metrics AS metrics, o.workerId AS workerId, o.recordedAt AS recordedAt,
               o.version AS version, o.host AS host, o.build AS build
        FROM trial t
        JOIN sweep s ON s.name = t.sweepName
        LEFT JOIN outcome o ON o.trialId = t.id;

        CREATE VIEW configurationView AS
        WITH finished AS (
            SELECT t.sweepName AS sweep, t.params AS params, o.success AS success, o.sequences AS sequences,
                   CASE WHEN o.testSize > 0 THEN CAST(o.testWrong AS REAL) / o.testSize END AS testErrorRate,
                   o.testMSE AS testMSE
            FROM trial t JOIN outcome o ON o.trialId = t.id
        ),
        ranked AS (
            SELECT sweep, params, sequences,
                   ROW_NUMBER() OVER (PARTITION BY sweep, params ORDER BY sequences) AS position,
                   COUNT(*) OVER (PARTITION BY sweep, params) AS successCount
            FROM finished WHERE success = 1
        ),
        medians AS (
            SELECT sweep, params, AVG(sequences) AS medianSequencesToSuccess
            FROM ranked
            WHERE position IN ((successCount + 1) / 2, (successCount + 2) / 2)
            GROUP BY sweep, params
        ),
        totals AS (
            SELECT sweepName AS sweep, params, COUNT(*) AS trials,
                   SUM(state IN ('done', 'failed', 'cancelled')) AS finished
            FROM trial GROUP BY sweepName, params
        )
        SELECT totals.sweep AS sweep, totals.params AS params, totals.trials AS trials,
               totals.finished AS finished,
               COALESCE(SUM(f.success), 0) AS successes,
               CASE WHEN COUNT(f.success) > 0 THEN CAST(SUM(f.success) AS REAL) / COUNT(f.success) END AS successRate,
               AVG(CASE WHEN f.success = 1 THEN f.sequences END) AS meanSequencesToSuccess,
               m.medianSequencesToSuccess AS medianSequencesToSuccess,
               MIN(CASE WHEN f.success = 1 THEN f.sequences END) AS minSequencesToSuccess,
               MAX(CASE WHEN f.success = 1 THEN f.sequences END) AS maxSequencesToSuccess,
               AVG(f.testErrorRate) AS meanTestErrorRate,
               AVG(f.testMSE) AS meanTestMSE
        FROM totals
        LEFT JOIN finished f ON f.sweep = totals.sweep AND f.params = totals.params
        LEFT JOIN medians m ON m.sweep = totals.sweep AND m.params = totals.params
        GROUP BY totals.sweep, totals.params;
        """
}
