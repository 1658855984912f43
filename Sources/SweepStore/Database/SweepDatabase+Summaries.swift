// Migration "v4-configuration-summary" (frozen with it): what the dashboard and the plots aggregate,
// kept up to date by triggers in the transaction of every write, so a read never joins trial ⋈ outcome
// on the 64-character identity (0.2-0.35 s at 100,000 trials; docs/benchmarks.md).
//
// - configurationSummary: one row per (sweep, params): trials by state, outcomes, successes and the sum
//   of their sequences, and the first ordinal (expansion order).
// - configurationOutcome: one narrow row per outcome, clustered by (configuration, success, sequences),
//   so a configuration's median is an index walk and a cell's an ordered merge of a few ranges.
//
// Triggers, not Swift: every path that changes a trial's state or outcome (submit, claim, result,
// release, reaper, cancel, search, retry, merge, and a hand edit with sqlite3) keeps the summary, and
// none can forget to. The counts carry no CHECK: a summary must never refuse a result.

extension SweepDatabase {
    /// The trigger body that adds an outcome row (NEW) to its configuration's summary.
    private static let addNewOutcome = """
            INSERT INTO configurationOutcome (configurationId, success, sequences, trialId, ordinal, capped, recordedAt)
            SELECT c.id, NEW.success, NEW.sequences, NEW.trialId, t.ordinal,
                   NEW.success = 0 AND NEW.stopReason = 'budget', NEW.recordedAt
            FROM trial t JOIN configurationSummary c ON c.sweepName = t.sweepName AND c.params = t.params
            WHERE t.id = NEW.trialId;
            UPDATE configurationSummary SET outcomes = outcomes + 1, successes = successes + NEW.success,
                successSequences = successSequences + NEW.success * NEW.sequences
            WHERE (sweepName, params) = (SELECT sweepName, params FROM trial WHERE id = NEW.trialId);
        """

    /// The trigger body that takes an outcome row (OLD) out of its configuration's summary.
    private static let removeOldOutcome = """
            DELETE FROM configurationOutcome
            WHERE configurationId = (SELECT c.id FROM trial t JOIN configurationSummary c
                                     ON c.sweepName = t.sweepName AND c.params = t.params WHERE t.id = OLD.trialId)
                AND success = OLD.success AND sequences = OLD.sequences AND trialId = OLD.trialId;
            UPDATE configurationSummary SET outcomes = outcomes - 1, successes = successes - OLD.success,
                successSequences = successSequences - OLD.success * OLD.sequences
            WHERE (sweepName, params) = (SELECT sweepName, params FROM trial WHERE id = OLD.trialId);
        """

    static let summariesV4 = """
        CREATE TABLE configurationSummary (
            id INTEGER PRIMARY KEY,
            sweepName TEXT NOT NULL REFERENCES sweep(name) ON DELETE CASCADE,
            params TEXT NOT NULL,
            firstOrdinal INTEGER NOT NULL,
            trials INTEGER NOT NULL DEFAULT 0,
            queued INTEGER NOT NULL DEFAULT 0,
            leased INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            cancelled INTEGER NOT NULL DEFAULT 0,
            outcomes INTEGER NOT NULL DEFAULT 0,
            successes INTEGER NOT NULL DEFAULT 0,
            successSequences INTEGER NOT NULL DEFAULT 0,
            UNIQUE (sweepName, params)
        ) STRICT;

        CREATE TABLE configurationOutcome (
            configurationId INTEGER NOT NULL REFERENCES configurationSummary(id) ON DELETE CASCADE,
            success INTEGER NOT NULL CHECK (success IN (0, 1)),
            sequences INTEGER NOT NULL,
            trialId TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            capped INTEGER NOT NULL CHECK (capped IN (0, 1)),
            recordedAt REAL NOT NULL,
            PRIMARY KEY (configurationId, success, sequences, trialId)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX configurationOutcomeByTime ON configurationOutcome(configurationId, recordedAt);

        -- Backfill, from the same joins the readers used before this migration.
        INSERT INTO configurationSummary (sweepName, params, firstOrdinal, trials, queued, leased, done, failed, cancelled)
        SELECT sweepName, params, MIN(ordinal), COUNT(*), SUM(state = 'queued'), SUM(state = 'leased'),
               SUM(state = 'done'), SUM(state = 'failed'), SUM(state = 'cancelled')
        FROM trial GROUP BY sweepName, params ORDER BY sweepName, MIN(ordinal);
        INSERT INTO configurationOutcome (configurationId, success, sequences, trialId, ordinal, capped, recordedAt)
        SELECT c.id, o.success, o.sequences, o.trialId, t.ordinal, o.success = 0 AND o.stopReason = 'budget', o.recordedAt
        FROM outcome o JOIN trial t ON t.id = o.trialId
        JOIN configurationSummary c ON c.sweepName = t.sweepName AND c.params = t.params;
        UPDATE configurationSummary SET
            outcomes = (SELECT COUNT(*) FROM configurationOutcome o WHERE o.configurationId = configurationSummary.id),
            successes = (SELECT COUNT(*) FROM configurationOutcome o
                         WHERE o.configurationId = configurationSummary.id AND o.success = 1),
            successSequences = (SELECT COALESCE(SUM(o.sequences), 0) FROM configurationOutcome o
                                WHERE o.configurationId = configurationSummary.id AND o.success = 1);

        -- A trial's sweep and parameters are its identity: they never change (the summary relies on it).
        CREATE TRIGGER trialIdentityIsFixed BEFORE UPDATE OF sweepName, params ON trial
        WHEN OLD.sweepName IS NOT NEW.sweepName OR OLD.params IS NOT NEW.params
        BEGIN
            SELECT RAISE(ABORT, 'a trial''s sweep and parameters never change');
        END;

        -- Two statements, not an upsert: an INSERT OR IGNORE into trial (merge) would impose its
        -- conflict policy on an upsert in the trigger.
        CREATE TRIGGER trialInsertedIntoSummary AFTER INSERT ON trial
        BEGIN
            INSERT OR IGNORE INTO configurationSummary (sweepName, params, firstOrdinal)
            VALUES (NEW.sweepName, NEW.params, NEW.ordinal);
            UPDATE configurationSummary SET trials = trials + 1, firstOrdinal = min(firstOrdinal, NEW.ordinal),
                queued = queued + (NEW.state = 'queued'), leased = leased + (NEW.state = 'leased'),
                done = done + (NEW.state = 'done'), failed = failed + (NEW.state = 'failed'),
                cancelled = cancelled + (NEW.state = 'cancelled')
            WHERE sweepName = NEW.sweepName AND params = NEW.params;
        END;

        CREATE TRIGGER trialStateIntoSummary AFTER UPDATE OF state ON trial
        WHEN OLD.state IS NOT NEW.state
        BEGIN
            UPDATE configurationSummary SET
                queued = queued + (NEW.state = 'queued') - (OLD.state = 'queued'),
                leased = leased + (NEW.state = 'leased') - (OLD.state = 'leased'),
                done = done + (NEW.state = 'done') - (OLD.state = 'done'),
                failed = failed + (NEW.state = 'failed') - (OLD.state = 'failed'),
                cancelled = cancelled + (NEW.state = 'cancelled') - (OLD.state = 'cancelled')
            WHERE sweepName = NEW.sweepName AND params = NEW.params;
        END;

        -- Before the row goes, its outcome leaves the summary (a cascade would come after the trial,
        -- too late to find its configuration). The first ordinal is not recomputed.
        CREATE TRIGGER trialDeletedFromSummary BEFORE DELETE ON trial
        BEGIN
            DELETE FROM outcome WHERE trialId = OLD.id;
            UPDATE configurationSummary SET trials = trials - 1,
                queued = queued - (OLD.state = 'queued'), leased = leased - (OLD.state = 'leased'),
                done = done - (OLD.state = 'done'), failed = failed - (OLD.state = 'failed'),
                cancelled = cancelled - (OLD.state = 'cancelled')
            WHERE sweepName = OLD.sweepName AND params = OLD.params;
        END;

        CREATE TRIGGER outcomeInsertedIntoSummary AFTER INSERT ON outcome
        BEGIN
            \(addNewOutcome)
        END;

        CREATE TRIGGER outcomeDeletedFromSummary AFTER DELETE ON outcome
        BEGIN
            \(removeOldOutcome)
        END;

        -- No path changes an outcome (it is accepted once); a hand edit is kept too: out, then in again.
        CREATE TRIGGER outcomeUpdatedInSummary AFTER UPDATE OF trialId, success, stopReason, sequences, recordedAt ON outcome
        BEGIN
            \(removeOldOutcome)
            \(addNewOutcome)
        END;
        """
}
