import ArgumentParser
import Foundation
import SweepCore
import SweepStore
import Worker

/// `--sweep S` on a local `--db`, or on a coordinator with `--coordinator URL [--token-file F]`:
/// what `cancel` and `retry` act on.
struct SweepTargetOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: "The sweep.")
    var sweep: String

    @Option(help: "Act on a coordinator (worker token from --token-file) instead of opening --db.")
    var coordinator: String?

    @Option(help: "Token file for --coordinator (its worker token is used).")
    var tokenFile: String?

    func validate() throws {
        if coordinator == nil, tokenFile != nil { throw badInput("--token-file needs --coordinator") }
        try remote?.validate()
    }

    /// The coordinator options, when `--coordinator` is given.
    var remote: CoordinatorOptions? {
        coordinator.map { url in
            var options = CoordinatorOptions()
            options.coordinator = url
            options.tokenFile = tokenFile
            return options
        }
    }

    /// The local database, opened for writing only once it is known to be a result database.
    func openStore(policy: LeasePolicy = .standard) throws -> SweepDatabase {
        _ = try database.openReader()
        do {
            return try SweepDatabase(path: database.path, policy: policy)
        } catch {
            throw badInput("--db \(database.path): \(error)")
        }
    }
}
