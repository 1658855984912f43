// The dashboard's comparison with the paper (`/v1/dashboard/paper`): `report --paper`'s computation
// (10,000 bootstrap resamples per row) behind a cache keyed by the database's result fingerprint, so
// the page's polls recompute only after a paper sweep's trials changed. Reads run on a Dispatch
// thread, never on the cooperative pool; concurrent polls share one computation.
import Coordinator
import Dispatch
import SweepCore
import SweepStore

/// `PaperComparisonSource` over a read-only database, for `lstm-sweep serve`.
///
/// ```swift
/// let paper = PaperComparisonCache(reader: try SweepReader(path: "paper.sqlite"))
/// let rows = try await paper.comparison().rows   // what `report --paper --format json` prints
/// ```
actor PaperComparisonCache: PaperComparisonSource {
    /// A computed comparison and its dashboard message.
    struct Computed: Sendable {
        var comparison: PaperComparison
        var message: DashboardPaperComparison
    }

    let reader: SweepReader
    /// The presets of the paper rows: the fingerprint covers only their sweeps.
    let presets: [String]
    /// The latest computation (possibly still running) and the fingerprint read before it started.
    private var latest: (fingerprint: String, computation: Task<Computed, any Error>)?

    init(reader: SweepReader) {
        self.reader = reader
        presets = Array(Set(PaperRow.all.map(\.preset))).sorted()
    }

    func comparison() async throws -> DashboardPaperComparison {
        try await current().message
    }

    func chart(table: String, measure: Chart.ComparedMeasure) async throws -> Chart {
        let computed = try await current()
        guard computed.message.tables.contains(table) else {
            let known = computed.message.tables.isEmpty ? "none" : computed.message.tables.joined(separator: ", ")
            throw SweepError(.badRequest, "table '\(table)': no paper table with trials here (tables with trials: \(known))")
        }
        do {
            return try computed.comparison.chart(table: table, measure: measure)
        } catch let error as InputError {
            throw SweepError(.badRequest, error.description)
        }
    }

    /// The comparison for the database as it is now: the cached one while the fingerprint is unchanged.
    ///
    /// The fingerprint is read before the computation starts, so a cached comparison is never older
    /// than its fingerprint says (a result landing in between only costs one more computation).
    func current() async throws -> Computed {
        let (reader, presets) = (self.reader, self.presets)
        let fingerprint = try await Self.background { try reader.resultFingerprint(presets: presets) }
        if let latest, latest.fingerprint == fingerprint { return try await latest.computation.value }
        let computation = Task {
            try await Self.background {
                let comparison = try PaperComparison(reader: reader)
                return Computed(comparison: comparison, message: comparison.dashboard)
            }
        }
        latest = (fingerprint, computation)
        do {
            return try await computation.value
        } catch {
            // A failed computation is not kept: the next poll tries again.
            if latest?.computation == computation { latest = nil }
            throw error
        }
    }

    /// Runs blocking SQLite reads and the bootstrap on a global Dispatch queue.
    static func background<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
