import Coordinator
import Foundation
import SweepCore
import SweepStore

/// The dashboard's reads over SweepStore's read-only `DashboardReader`, with the store's errors
/// turned into the coordinator's: an unknown sweep is 404, an unknown parameter 400; and the
/// comparison with the paper (`report --paper`'s code, cached).
struct ReaderDashboardSource: DashboardSource {
    let reader: DashboardReader
    let paperComparison: PaperComparisonCache?

    var paper: (any PaperComparisonSource)? { paperComparison }

    func overview(now: Date) async throws -> DashboardOverview {
        try await translating { try await reader.overview(now: now) }
    }

    func configurations(sweep: String) async throws -> DashboardConfigurations {
        try await translating { try await reader.configurations(sweep: sweep) }
    }

    func chart(_ kind: ChartKind, sweep: String, x: String?, by: String?, configuration: Int) async throws -> Chart {
        try await translating { try await reader.chart(kind, sweep: sweep, x: x, by: by, configuration: configuration) }
    }

    private func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError where error.code == .notFound {
            throw SweepError(.notFound, error.description)
        } catch let error as StoreError where error.code == .badRequest {
            throw SweepError(.badRequest, error.description)
        }
    }
}
