// Real processes on 127.0.0.1 for the cluster tests: the built `lstm-sweep` binary next to the
// test bundle, free ports, bounded waits, and kill-by-PID cleanup.

import Foundation
import SweepCore
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One spawned `lstm-sweep` process; killed (SIGKILL) when the harness ends.
final class Spawned: @unchecked Sendable {
    let process = Process()
    let log: URL

    init(_ arguments: [String], log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = ClusterHarness.binary
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) { if process.isRunning { kill(pid, number) } }

    /// Waits at most `seconds` for the exit; returns the status, nil on timeout.
    func waitForExit(seconds: Double) async -> Int32? {
        for _ in 0..<Int(seconds * 10) {
            if !process.isRunning { return process.terminationStatus }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}

/// A scratch folder, a port, and the processes of one test.
final class ClusterHarness: @unchecked Sendable {
    /// `lstm-sweep` next to the test bundle (`.build/<triple>/debug/`).
    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("lstm-sweep")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/lstm-sweep")
    }()

    let folder: URL
    let port: Int
    var spawned: [Spawned] = []
    var coordinator: Spawned?
    let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }()

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try FreePort.find()
    }

    /// Kills every spawned process by PID and removes the folder.
    func shutdown() {
        for process in spawned where process.process.isRunning {
            kill(process.pid, SIGKILL)
            process.process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var database: String { folder.appendingPathComponent("results.sqlite").path }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `lstm-sweep` to completion (bounded) and returns (status, output).
    @discardableResult
    func run(_ arguments: [String], seconds: Double = 60) async throws -> (Int32, String) {
        let process = try Spawned(arguments, log: folder.appendingPathComponent("run-\(UUID().uuidString.prefix(8)).log"))
        spawned.append(process)
        let status = await process.waitForExit(seconds: seconds)
        return (status ?? -1, process.output)
    }

    func spawn(_ name: String, _ arguments: [String]) throws -> Spawned {
        let process = try Spawned(arguments, log: folder.appendingPathComponent("\(name).log"))
        spawned.append(process)
        return process
    }

    /// Starts `serve` on this harness's port and waits until it answers.
    @discardableResult
    func startCoordinator(_ extra: [String] = []) async throws -> Spawned {
        let server = try spawn("serve-\(spawned.count)", ["serve", "--db", database, "--port", String(port)] + extra)
        coordinator = server
        let up = await waitUntil(seconds: 30) { (try? await self.request("GET", "/v1/health").0) == 200 }
        #expect(up, "coordinator did not start: \(server.output)")
        return server
    }

    func startWorker(_ name: String, _ extra: [String] = []) throws -> Spawned {
        try spawn(name, ["worker", "--coordinator", url, "--outbox", path("outbox-\(name)"), "--name", name] + extra)
    }

    /// Starts generation `generation` of worker slot `index` of a chaos run: a restart is a new process
    /// with a new name (`w<index>g<generation>`; the default name is host-pid) on the slot's same outbox.
    func startWorker(slot index: Int, generation: Int) throws -> Spawned {
        let name = "w\(index)g\(generation)"
        return try spawn(name, ["worker", "--coordinator", url, "--outbox", path("outbox-w\(index)"), "--name", name])
    }

    /// One HTTP exchange with the coordinator.
    /// `timeout` overrides the session's 10 s for a request that may compute for long in a debug build.
    func request(
        _ method: String, _ path: String, body: Data? = nil, token: String? = nil, timeout: TimeInterval? = nil
    ) async throws -> (Int, Data) {
        guard let target = URL(string: url + path) else { return (0, Data()) }
        var request = URLRequest(url: target)
        if let timeout { request.timeoutInterval = timeout }
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func post<T: Encodable>(_ path: String, _ value: T, token: String? = nil) async throws -> (Int, Data) {
        try await request("POST", path, body: try APICoding.encode(value), token: token)
    }

    func status(token: String? = nil) async throws -> StatusResponse? {
        let (code, data) = try await request("GET", "/v1/status", token: token)
        return code == 200 ? try? APICoding.decode(StatusResponse.self, from: data) : nil
    }

    /// Polls `condition` every 100 ms for at most `seconds`.
    func waitUntil(seconds: Double, _ condition: @Sendable () async -> Bool) async -> Bool {
        for _ in 0..<Int(seconds * 10) {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    /// One integer from read-only SQL on the result database.
    func count(_ sql: String) async throws -> Int {
        let (status, output) = try await run(["query", "--db", database, "--format", "csv", sql])
        #expect(status == 0, "query failed: \(output)")
        return Int(output.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
    }

    /// Starts generation `generation` of worker slot `index` stopped (SIGSTOP with no await between
    /// spawn and signal): a chaos run's workers run only in ``runWindow(_:seconds:)``.
    func startStoppedWorker(slot index: Int, generation: Int) throws -> Spawned {
        let worker = try startWorker(slot: index, generation: generation)
        worker.signal(SIGSTOP)
        return worker
    }

    /// Lets stopped `processes` run for `seconds`: a shell continues them, sleeps and stops them again.
    /// The window does not stretch while this test waits for a thread of the cooperative pool (in a
    /// full run, synchronous suites can hold every thread for seconds), so the processes cannot run
    /// on, unwatched, past the point the test means to act at.
    func runWindow(_ processes: [Spawned], seconds: Double) async throws {
        let pids = processes.map { String($0.pid) }.joined(separator: " ")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "kill -CONT \(pids); sleep \(String(format: "%.1f", seconds)); kill -STOP \(pids)"]
        try shell.run()
        while shell.isRunning { try await Task.sleep(for: .milliseconds(100)) }
    }

    /// Writes a sweep file into the folder and returns its path.
    func sweepFile(_ name: String, _ yaml: String) throws -> String {
        let file = path("\(name).yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Finds a free TCP port on 127.0.0.1 for a server a test starts, below the kernel's range of ephemeral
/// ports. A port the kernel hands out (bind to port 0) is one that any outgoing connection of another
/// test may take as its local port before the server binds it: a full run at load 12 failed so
/// ("Address already in use" on 48775, in the ephemeral range 32768-60999).
enum FreePort {
    struct Failure: Error {}

    static func find() throws -> Int {
        let low = ephemeralLowerBound()
        for _ in 0..<200 {
            let port = Int.random(in: 10_000..<max(10_001, low))
            if canBind(port) { return port }
        }
        throw Failure()
    }

    /// The first port of `net.ipv4.ip_local_port_range` (32768 when it cannot be read).
    static func ephemeralLowerBound() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).first.flatMap { Int($0) } ?? 32_768
    }

    /// Whether 127.0.0.1:`port` can be bound right now.
    static func canBind(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
