import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT into calls: the first Ctrl-C stops claiming and starts the grace period, a second
/// one cancels running trials at once. Uses a DispatchSource, so no code runs in signal context.
final class InterruptMonitor {
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private let counter = Counter()
    private let source: any DispatchSourceSignal

    /// Starts watching SIGINT; `onInterrupt` receives 1 for the first Ctrl-C, 2 for the second, …
    init(onInterrupt: @escaping @Sendable (Int) -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let counter = self.counter
        source.setEventHandler {
            onInterrupt(counter.value.add(1, ordering: .relaxed).newValue)
        }
        source.resume()
    }

    /// Whether at least one SIGINT arrived.
    var interrupted: Bool { counter.value.load(ordering: .relaxed) > 0 }

    deinit { source.cancel() }
}
