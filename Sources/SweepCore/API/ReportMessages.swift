/// The answer to `GET /v1/sweeps/{name}/report?by=p1,p2`: the per-configuration table of
/// `lstm-sweep report` (the `configurationView` of docs/schema.md), as text cells.
public struct ReportResponse: Codable, Sendable, Equatable {
    /// The sweep reported.
    public var sweepName: String
    /// Column names, in order.
    public var columns: [String]
    /// One row per configuration; each cell as `lstm-sweep report` prints it (empty for NULL).
    public var rows: [[String]]

    /// Creates a report answer.
    public init(sweepName: String, columns: [String], rows: [[String]]) {
        self.sweepName = sweepName
        self.columns = columns
        self.rows = rows
    }
}
