// `query` and `export` row by row (issue 16, item 6): a GRDB cursor hands each row to the caller as
// SQLite produces it, so printing a million-row export holds one row in memory, not all of them.

import Foundation
import GRDB
import SweepCore

extension SweepReader {
    /// Runs any SQL read-only and writes its rendering in `format` through `write`, row by row;
    /// `.table` (aligned to the widest cell) alone collects the rows first.
    ///
    /// Rows already written stay written when the statement fails part-way (the error is thrown after).
    public func streamQuery(
        _ sql: String, arguments: StatementArguments = [], format: ResultTable.Format, write: (String) -> Void
    ) throws {
        guard format != .table else {
            write(try query(sql, arguments: arguments).rendered(as: .table))
            return
        }
        do {
            try queue.read { db in
                let statement = try db.makeStatement(sql: sql)
                let columns = statement.columnNames
                let renderer = ResultTable.RowRenderer(columns: columns, format: format)
                write(renderer.header)
                let cursor = try Row.fetchCursor(statement, arguments: arguments)
                var count = 0
                while let row = try cursor.next() {
                    write(renderer.line(columns.indices.map { Self.cell(row[$0] as DatabaseValue, column: columns[$0]) }, index: count))
                    count += 1
                }
                write(renderer.footer(rowCount: count))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw StoreError(.readOnly, "refused: the database is opened read-only (\(Self.message(error)))")
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// Writes every trial of the flat `trialView` (optionally of one sweep), in expansion order, row by row.
    public func streamExport(sweepName: String? = nil, format: ResultTable.Format, write: (String) -> Void) throws {
        let filter = sweepName == nil ? "" : "WHERE sweep = ?"
        try streamQuery(
            "SELECT * FROM trialView \(filter) ORDER BY sweep, ordinal", arguments: sweepName.map { [$0] } ?? [],
            format: format, write: write)
    }
}
