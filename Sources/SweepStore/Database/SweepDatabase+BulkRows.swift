// Multi-row statements for the write path: a batch of results or claims writes its rows with a few
// INSERTs of many VALUES rows (and UPDATEs over `id IN (…)`) instead of one statement per row. Chunks
// come in four sizes (64, 16, 4, 1), so each statement shape is prepared once and cached, and a chunk
// never nears SQLite's limit on bound variables. Triggers still fire once per row, in row order.

import GRDB

extension SweepDatabase {
    /// The chunk sizes a bulk statement is cut into, largest first.
    static let bulkChunkSizes = [64, 16, 4, 1]

    /// Cuts `count` rows into chunks of ``bulkChunkSizes`` (64 + 64 + 16 + 4 + 1 + 1 for 150), in order.
    static func bulkChunks(_ count: Int) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        for size in bulkChunkSizes {
            while count - start >= size {
                chunks.append(start..<(start + size))
                start += size
            }
        }
        return chunks
    }

    /// Runs `prefix` followed by `count` copies of `row` (`(?, ?, …)`, comma-separated) once per chunk
    /// of `rows`, each row bound to `values(row)` in order.
    static func insertRows<Row>(
        _ db: Database, prefix: String, row: String, suffix: String = "", rows: [Row],
        values: (Row) -> [(any DatabaseValueConvertible)?]
    ) throws {
        for chunk in bulkChunks(rows.count) {
            let sql = prefix + " VALUES " + Array(repeating: row, count: chunk.count).joined(separator: ", ") + suffix
            var arguments: [(any DatabaseValueConvertible)?] = []
            for index in chunk { arguments.append(contentsOf: values(rows[index])) }
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
        }
    }

    /// Runs `prefix` + ` WHERE id IN (?, …)` once per chunk of `ids`, with `leading` bound before the ids.
    static func updateRows(
        _ db: Database, prefix: String, leading: [(any DatabaseValueConvertible)?], ids: [some DatabaseValueConvertible]
    ) throws {
        for chunk in bulkChunks(ids.count) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            var arguments = leading
            for index in chunk { arguments.append(ids[index]) }
            try db.cachedStatement(sql: prefix + " WHERE id IN (\(marks))").execute(arguments: StatementArguments(arguments))
        }
    }
}
