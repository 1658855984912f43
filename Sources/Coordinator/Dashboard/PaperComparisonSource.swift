import Foundation
import SweepCore

/// The comparison of the database with the paper's tables, for the dashboard's Paper section.
///
/// The paper's figures live in LSTMTasks' presets, which the coordinator must not import: the
/// executable implements this with the code of `report --paper` and `plot --kind paper` and hands it
/// over as `DashboardSource.paper`. Errors a client caused are `SweepError`s (`.badRequest`: an
/// unknown table); anything else is the server's (500).
public protocol PaperComparisonSource: Sendable {
    /// Every paper row the database has trials for (empty when none), as `report --paper` computes it.
    func comparison() async throws -> DashboardPaperComparison

    /// One paper table's rows, ours beside the paper's, as `plot --kind paper` draws them.
    func chart(table: String, measure: Chart.ComparedMeasure) async throws -> Chart
}
