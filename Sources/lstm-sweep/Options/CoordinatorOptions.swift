import ArgumentParser
import Foundation
import SweepCore
import Worker

/// `--coordinator URL [--token-file F]`: how `submit`, `worker` and `status` reach a coordinator.
struct CoordinatorOptions: ParsableArguments {
    @Option(help: "The coordinator's base URL, e.g. http://127.0.0.1:8080.")
    var coordinator: String

    @Option(help: "Token file (lines 'worker=…' and 'read=…'; see docs/api.md).")
    var tokenFile: String?

    func validate() throws {
        guard let url = URL(string: coordinator), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw badInput("--coordinator must be a URL like http://127.0.0.1:8080, got '\(coordinator)'")
        }
    }

    /// A client using the worker token (or, with `readOnly`, the read token when there is one).
    func client(readOnly: Bool = false) throws -> CoordinatorClient {
        let tokens = try tokenFile.map(readTokenFile)
        let token = readOnly ? (tokens?.read ?? tokens?.worker) : tokens?.worker
        guard let url = URL(string: coordinator) else { throw badInput("--coordinator: not a URL") }
        return CoordinatorClient(transport: HTTPClientTransport(baseURL: url, token: token))
    }
}

/// Turns a client error into the CLI's contract: one line on stderr; 2 for a refused request, 1 otherwise.
func coordinatorFailure(_ error: any Error) -> ExitCode {
    guard let error = error as? WorkerError else { return badInput("\(error)") }
    printError("error: \(error.description)\n")
    return ExitCode(error.code == .rejected || error.code == .unauthorized ? 2 : 1)
}
