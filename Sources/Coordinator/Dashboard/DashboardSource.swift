import Foundation
import SweepCore

/// What the dashboard reads: progress, the per-configuration table and charts of a result database.
///
/// Separate from `TrialStore` and async: the executable implements it over SweepStore's
/// `DashboardReader` (a read-only pool), so the coordinator never imports the storage module and a
/// slow read never holds up claims. Errors a client caused are `SweepError`s (`.badRequest`: an
/// unknown parameter; `.notFound`: an unknown sweep); anything else is the server's (500).
public protocol DashboardSource: Sendable {
    /// Every sweep's progress, the workers, running trials and recent failures, as of `now`.
    func overview(now: Date) async throws -> DashboardOverview

    /// The per-configuration table of one sweep.
    func configurations(sweep: String) async throws -> DashboardConfigurations

    /// A chart of one sweep, from the same code as `lstm-sweep plot`.
    func chart(_ kind: ChartKind, sweep: String, x: String?, by: String?, configuration: Int) async throws -> Chart

    /// The comparison with the paper (`/v1/dashboard/paper`), or nil when the server has none.
    var paper: (any PaperComparisonSource)? { get }
}

extension DashboardSource {
    /// No comparison with the paper: the Paper section stays hidden.
    public var paper: (any PaperComparisonSource)? { nil }
}
