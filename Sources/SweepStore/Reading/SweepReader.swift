// Read-only access for reports, queries, exports and status. The connection is opened with
// SQLITE_OPEN_READONLY, so SQLite itself refuses any write — `query` needs no SQL parsing.

import Foundation
import GRDB
import SweepCore

/// A read-only view of a result database.
///
/// ```swift
/// let reader = try SweepReader(path: "results.sqlite")
/// print(try reader.query("SELECT state, COUNT(*) FROM trial GROUP BY state").rendered(as: .table))
/// ```
public final class SweepReader: Sendable {
    /// One read-only connection (a queue), so a `query` sees one snapshot.
    let queue: any DatabaseReader

    /// Opens an existing database read-only; throws `.missingDatabase` rather than creating one.
    public init(path: String) throws {
        queue = try Self.openReadOnly(path) { path, configuration in try DatabaseQueue(path: path, configuration: configuration) }
    }

    /// Opens an existing result database read-only with `open` (a queue, or a pool of readers), after
    /// checking that the file exists and holds the `sweep` table; the errors are `StoreError`s naming
    /// the file. Shared by SweepReader and DashboardReader.
    static func openReadOnly(
        _ path: String, _ open: (String, Configuration) throws -> any DatabaseReader
    ) throws -> any DatabaseReader {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.missingDatabase, "\(path): no such database")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let reader = try open(path, configuration)
            _ = try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sweep") }
            return reader
        } catch {
            throw StoreError(.sql, "\(path): not a sweep result database (\(Self.message(error)))")
        }
    }

    /// Runs any SQL read-only and returns its rows; a write is refused by SQLite (`.readOnly`).
    public func query(_ sql: String, arguments: StatementArguments = []) throws -> ResultTable {
        do {
            return try queue.read { db in try Self.table(db, sql: sql, arguments: arguments) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw StoreError(.readOnly, "refused: the database is opened read-only (\(Self.message(error)))")
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// The rows of `sql` as a table, every column as SQLite gives it.
    static func table(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> ResultTable {
        let statement = try db.makeStatement(sql: sql)
        let columns = statement.columnNames
        let rows = try Row.fetchAll(statement, arguments: arguments).map { row in
            columns.indices.map { Self.cell(row[$0] as DatabaseValue, column: columns[$0]) }
        }
        return ResultTable(columns: columns, rows: rows)
    }

    /// The leased trials (`status`): sweep, trial, attempt, worker, lease expiry, and how far the
    /// attempt's last heartbeat said the trial is.
    public func runningTrials() throws -> ResultTable {
        do {
            return try queue.read { db in
                try Self.table(
                    db,
                    sql: """
                        SELECT t.sweepName AS sweep, substr(t.id, 1, 12) AS trial, t.attempt AS attempt, t.leaseWorker AS worker,
                               datetime(t.leaseExpiresAt, 'unixepoch') AS leaseExpires, \(try Self.standingColumns(db, attempt: "a"))
                        FROM trial t LEFT JOIN attempt a ON a.token = t.leaseToken
                        WHERE t.state = 'leased' ORDER BY t.sweepName, t.ordinal
                        """)
            }
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// `sequences` and `maxSequences` of the attempt aliased `alias`: how far its last heartbeat said
    /// the trial is. NULL in a file from before migration v5, which a reader does not migrate.
    static func standingColumns(_ db: Database, attempt alias: String) throws -> String {
        try db.columns(in: "attempt").contains { $0.name == "sequences" }
            ? "\(alias).sequences AS sequences, \(alias).maxSequences AS maxSequences"
            : "NULL AS sequences, NULL AS maxSequences"
    }

    /// Counts trials by state, for one sweep or all.
    public func statusCounts(sweepName: String? = nil) throws -> StatusCounts {
        try queue.read { db in try SweepDatabase.statusCounts(db, sweepName: sweepName) }
    }

    /// The sweeps in the database, oldest first.
    public func sweepNames() throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sweep ORDER BY createdAt, name") }
    }

    /// Every trial of the flat `trialView` (optionally of one sweep), in expansion order.
    public func export(sweepName: String? = nil) throws -> ResultTable {
        let filter = sweepName == nil ? "" : "WHERE sweep = ?"
        return try query(
            "SELECT * FROM trialView \(filter) ORDER BY sweep, ordinal", arguments: sweepName.map { [$0] } ?? [])
    }

    static func cell(_ value: DatabaseValue, column: String) -> ResultTable.Cell {
        switch value.storage {
        case .null: .null
        case .int64(let int): .integer(int)
        case .double(let real): .real(real)
        case .string(let text): column == "params" || column == "metrics" || column == "result" ? .json(text) : .text(text)
        case .blob(let data): .text("<\(data.count) bytes>")
        }
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}
