import Dispatch
import Foundation
import Synchronization

/// Turns SIGTERM and SIGINT into calls (1 for the first signal, 2 for the second, …), outside
/// signal context, through DispatchSources.
final class StopSignalMonitor {
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private let counter = Counter()
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching; `onSignal` receives the running count of stop signals.
    init(onSignal: @escaping @Sendable (Int) -> Void) {
        let counter = self.counter
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { onSignal(counter.value.add(1, ordering: .relaxed).newValue) }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}
