// Logs the state of the link to the coordinator, not every attempt: one warning when it goes
// down, one notice when it comes back, however many retries lie between.

import Logging
import Synchronization

/// Tracks whether the coordinator answers and logs only the changes.
public final class LinkMonitor: Sendable {
    private let down = Mutex<Bool?>(nil)
    private let logger: Logger

    /// Creates a monitor that logs through `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// An exchange succeeded.
    public func succeeded() {
        let previous = down.withLock { state -> Bool? in
            defer { state = false }
            return state
        }
        if previous == true { logger.notice("coordinator reachable again") }
        if previous == nil { logger.info("connected to the coordinator") }
    }

    /// An exchange failed with a retryable error.
    public func failed(_ error: any Error) {
        let wasDown = down.withLock { state -> Bool in
            defer { state = true }
            return state == true
        }
        if !wasDown { logger.warning("coordinator unreachable (\(error)); retrying with backoff") }
    }

    /// Whether the last exchange failed.
    public var isDown: Bool { down.withLock { $0 == true } }
}
