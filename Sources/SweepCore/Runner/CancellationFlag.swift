import Synchronization

/// A thread-safe flag an executor polls to learn that its trial should stop.
public final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Creates a lowered flag.
    public init() {}

    /// Asks the trial to stop.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Whether a stop was asked for.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
