#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LSTMTasks

/// The process's monotonic clock and the calling thread's CPU clock, for trial timing fields.
struct SystemTrialClock: TrialClock {
    func wallSeconds() -> Double { Self.read(CLOCK_MONOTONIC) }
    func cpuSeconds() -> Double { Self.read(CLOCK_THREAD_CPUTIME_ID) }

    private static func read(_ id: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(id, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
