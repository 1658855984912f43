import SweepCore

/// The reads the coordinator needs beyond `TrialStore`: which sweeps exist (for `/v1/status`) and
/// their per-configuration reports (for `/v1/sweeps/{name}/report`).
///
/// The executable implements it over the read-only SQLite reader, so this module never imports
/// the storage module.
public protocol SweepCatalog: Sendable {
    /// Sweep names, oldest first.
    func sweepNames() throws -> [String]

    /// The per-configuration report of one sweep, grouped by `parameters` (empty: by all of them).
    ///
    /// A parameter the sweep does not have throws `SweepError(.badRequest)` naming the known ones
    /// (HTTP 400); any other error is the server's (500).
    func report(sweepName: String, by parameters: [String]) throws -> ReportResponse
}
