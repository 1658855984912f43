// The one type that writes the result database. Every state change is one transaction on the
// pool's single writer; readers (reports, queries) use SweepReader's read-only connection.

import Foundation
import GRDB
import SweepCore

/// The SQLite result store: schema, migrations, claims, leases and results.
///
/// ```swift
/// let database = try SweepDatabase(path: "results.sqlite")
/// try database.submit(sweep, trials: sweep.expandTrials(), now: Date())
/// if let claim = try database.claimTrial(workerID: "w1", now: Date(), leaseFor: 30) { … }
/// ```
public final class SweepDatabase: TrialStore, Sendable {
    /// The pool: WAL mode, one serialised writer, concurrent readers.
    let pool: DatabasePool
    /// Attempts per trial, recorded on each trial when it is submitted.
    public let policy: LeasePolicy
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    public init(path: String, policy: LeasePolicy = .standard) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: durable across process crashes, one fsync per checkpoint, not per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer keeps up to 64 MB of pages (SQLite's default is 2 MB): a sweep of 10,000
            // trials is ~15 MB, and every claim and result touches the trial, attempt and outcome
            // B-trees, which otherwise are read back from the OS with pread. Readers keep the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        self.policy = policy
        self.path = path
        try Self.migrator.migrate(pool)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeParameters(_ json: String) throws -> [String: ParameterValue] {
        try JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))
    }

    static func decodeBudget(_ json: String) throws -> Budget {
        try JSONDecoder().decode(Budget.self, from: Data(json.utf8))
    }
}
