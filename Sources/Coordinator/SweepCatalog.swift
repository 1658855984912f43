/// The one read the coordinator needs beyond `TrialStore`: which sweeps exist (for `/v1/status`).
///
/// The executable implements it over the read-only SQLite reader, so this module never imports
/// the storage module.
public protocol SweepCatalog: Sendable {
    /// Sweep names, oldest first.
    func sweepNames() throws -> [String]
}
