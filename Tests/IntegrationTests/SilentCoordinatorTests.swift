import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A worker waiting on a coordinator that never answers must not burn CPU (issue 16, item 4): with
/// URLSession it kept 60–100 % of a core busy per process, so 64 waiting workers starved the
/// coordinator on a 2-core machine.
struct SilentCoordinatorTests {
    /// A loopback port that accepts connections (the kernel completes the handshake) but never answers.
    final class SilentListener {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 128) == 0
                        && getsockname(descriptor, socketAddress, &length) == 0
                }
            }
            guard bound else {
                close(descriptor)
                throw POSIXError(.EADDRNOTAVAIL)
            }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    /// User + system CPU of a process, in clock ticks (100 per second).
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
        return Int(fields[11])! + Int(fields[12])!
    }

    @Test func aWorkerWaitingOnASilentCoordinatorStaysIdle() async throws {
        let listener = try SilentListener()
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let worker = try CLIProcess(
            ["worker", "--coordinator", "http://127.0.0.1:\(listener.port)", "--jobs", "4", "--outbox", "outbox"], in: folder)
        defer {
            kill(worker.process.processIdentifier, SIGKILL)
            _ = worker.finish()
        }
        // Let it start and send its claims, which will hang
        try await Task.sleep(for: .seconds(2))
        let start = ContinuousClock.now
        let before = try Self.cpuTicks(worker.process.processIdentifier)
        try await Task.sleep(for: .seconds(6))
        let used = try Self.cpuTicks(worker.process.processIdentifier) - before
        // The window is what passed, not the 6 s asked for: in a full run this test's task can wait
        // long for a thread of the cooperative pool (62 ticks were once counted over a longer window).
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        // Waiting is near zero CPU: a spinning client used 60–100 % of a core (60–100 ticks a second)
        #expect(Double(used) < 10 * seconds, "the waiting worker used \(used) ticks of CPU in \(seconds) s")
    }
}
