// The schema, as frozen, string-named migrations. Never edit a migration that has been merged:
// add a new one. Migrations use literal SQL (not record types) so they stay valid forever.
// Times are REAL Unix seconds; JSON columns hold canonical JSON (see docs/schema.md).

import GRDB

extension SweepDatabase {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-create-schema") { db in
            try db.execute(sql: """
                CREATE TABLE sweep (
                    name TEXT PRIMARY KEY NOT NULL,
                    preset TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    budget TEXT NOT NULL DEFAULT '{}',
                    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
                    createdAt REAL NOT NULL,
                    updatedAt REAL NOT NULL
                ) STRICT;

                CREATE TABLE trial (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 64),
                    sweepName TEXT NOT NULL REFERENCES sweep(name) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    params TEXT NOT NULL CHECK (json_valid(params)),
                    seed INTEGER NOT NULL,
                    state TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'leased', 'done', 'failed', 'cancelled')),
                    attempt INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
                    maxAttempts INTEGER NOT NULL CHECK (maxAttempts >= 1),
                    leaseToken TEXT,
                    leaseWorker TEXT,
                    leaseExpiresAt REAL,
                    failureReason TEXT,
                    createdAt REAL NOT NULL,
                    updatedAt REAL NOT NULL,
                    CHECK ((state = 'leased') = (leaseToken IS NOT NULL))
                ) STRICT;
                CREATE INDEX trialByStateOrdinal ON trial(state, ordinal);
                CREATE INDEX trialBySweep ON trial(sweepName, state);

                CREATE TABLE attempt (
                    id INTEGER PRIMARY KEY,
                    trialId TEXT NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL CHECK (number >= 1),
                    token TEXT NOT NULL UNIQUE,
                    workerId TEXT NOT NULL,
                    claimedAt REAL NOT NULL,
                    heartbeatAt REAL,
                    expiresAt REAL NOT NULL,
                    endedAt REAL,
                    status TEXT NOT NULL DEFAULT 'running'
                        CHECK (status IN ('running', 'accepted', 'lateDuplicate', 'expired', 'released')),
                    result TEXT CHECK (result IS NULL OR json_valid(result))
                ) STRICT;
                CREATE INDEX attemptByTrial ON attempt(trialId);

                CREATE TABLE outcome (
                    trialId TEXT PRIMARY KEY NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                    attemptId INTEGER NOT NULL REFERENCES attempt(id),
                    success INTEGER NOT NULL CHECK (success IN (0, 1)),
                    stopReason TEXT NOT NULL
                        CHECK (stopReason IN ('success', 'budget', 'diverged', 'cancelled', 'error')),
                    sequences INTEGER NOT NULL,
                    testWrong INTEGER,
                    testSize INTEGER,
                    testMSE REAL,
                    testMeanAbsError REAL,
                    weightCount INTEGER,
                    steps INTEGER,
                    wallSeconds REAL,
                    cpuSeconds REAL,
                    stepsPerSecond REAL,
                    precision TEXT,
                    method TEXT,
                    errorMessage TEXT,
                    metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
                    version TEXT,
                    host TEXT,
                    build TEXT,
                    workerId TEXT NOT NULL,
                    recordedAt REAL NOT NULL
                ) STRICT;

                CREATE TABLE curvePoint (
                    trialId TEXT NOT NULL REFERENCES trial(id) ON DELETE CASCADE,
                    sequences INTEGER NOT NULL,
                    trainingLoss REAL NOT NULL,
                    testLoss REAL,
                    errorRate REAL,
                    PRIMARY KEY (trialId, sequences)
                ) STRICT;

                CREATE TABLE worker (
                    id TEXT PRIMARY KEY NOT NULL,
                    firstSeenAt REAL NOT NULL,
                    lastSeenAt REAL NOT NULL,
                    claims INTEGER NOT NULL DEFAULT 0,
                    results INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                """)
            try db.execute(sql: Self.viewsV1)
        }
        migrator.registerMigration("v2-create-search") { db in
            try db.execute(sql: """
                CREATE TABLE search (
                    sweepName TEXT PRIMARY KEY NOT NULL REFERENCES sweep(name) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('frontier', 'halving')),
                    parameter TEXT NOT NULL,
                    plan TEXT NOT NULL CHECK (json_valid(plan)),
                    createdAt REAL NOT NULL
                ) STRICT;

                CREATE TABLE searchDecision (
                    sweepName TEXT NOT NULL REFERENCES search(sweepName) ON DELETE CASCADE,
                    configuration INTEGER NOT NULL CHECK (configuration >= 0),
                    step INTEGER NOT NULL CHECK (step >= 0),
                    kind TEXT NOT NULL CHECK (kind IN ('pass', 'fail', 'frontier', 'promote', 'stop', 'winner')),
                    value INTEGER,
                    trials INTEGER NOT NULL CHECK (trials >= 0),
                    successes INTEGER NOT NULL CHECK (successes >= 0 AND successes <= trials),
                    score REAL,
                    detail TEXT NOT NULL,
                    recordedAt REAL NOT NULL,
                    PRIMARY KEY (sweepName, configuration, step)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v3-submission-in-progress") { db in
            // A sweep whose trials are still being inserted (a big submit streams them in bounded
            // transactions): its trials cannot be claimed until the submit's last transaction.
            try db.execute(sql: """
                CREATE TABLE submissionInProgress (
                    sweepName TEXT PRIMARY KEY NOT NULL REFERENCES sweep(name) ON DELETE CASCADE,
                    startedAt REAL NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v4-configuration-summary") { db in
            // Per-configuration counts and a narrow outcome index, kept by triggers and backfilled here
            // (SweepDatabase+Summaries.swift): the dashboard's aggregates read these, not trial ⋈ outcome.
            try db.execute(sql: Self.summariesV4)
        }
        migrator.registerMigration("v5-attempt-standing") { db in
            // How far a running attempt has come, from its heartbeats (NULL until one tells).
            try db.execute(sql: "ALTER TABLE attempt ADD COLUMN sequences INTEGER CHECK (sequences >= 0)")
            try db.execute(sql: "ALTER TABLE attempt ADD COLUMN maxSequences INTEGER CHECK (maxSequences >= 0)")
        }
        return migrator
    }
}
