import Foundation
import SweepCore

/// Everything `lstm-sweep serve` can set: where to listen, who may call, and the lease timing.
public struct CoordinatorConfiguration: Sendable {
    /// Request body limits, in bytes.
    public struct BodyLimits: Sendable {
        /// Claim, heartbeat and release bodies.
        public var small: Int = 16 * 1024
        /// One result (a learning curve can be long).
        public var result: Int = 1024 * 1024
        /// A batch of results.
        public var batch: Int = 16 * 1024 * 1024
        /// A sweep file.
        public var sweep: Int = 1024 * 1024
        /// Creates the default limits.
        public init() {}
    }

    /// Limits on each connection, before any handler runs.
    public struct ConnectionLimits: Sendable {
        /// Bytes of header names and values in one request head (NIO answers 400 past it).
        public var head: Int = 64 * 1024
        /// Header fields in one request head.
        public var headerFields: Int = 100
        /// A connection that sends nothing (or part of a head) for this long is closed; a request being
        /// handled is never cut.
        public var idleTimeout: Duration = .seconds(60)
        /// Creates the default limits.
        public init() {}
    }

    /// Host to bind; loopback unless tokens are configured.
    public var host: String
    /// Port to bind; 0 picks a free one (reported through `onServerRunning`).
    public var port: Int
    /// Bearer tokens; nil means no authentication, allowed only on loopback.
    public var tokens: AccessTokens?
    /// Lease duration, heartbeat interval and attempts.
    public var policy: LeasePolicy
    /// How often the lease reaper runs (monotonic clock).
    public var reaperInterval: Duration
    /// Most trials one claim request may lease.
    public var maxClaimCount: Int
    /// How long a claim that finds nothing queued, while trials are still leased, is held before the
    /// empty answer: it is answered as soon as a result, release, reap or submit changes the queue
    /// (docs/api.md, "Claims"). Zero answers at once. Keep it well under the workers' request timeout (15 s).
    public var idleClaimWait: Duration
    /// How long a claim is actually held: `idleClaimWait`, but at most a quarter of the lease. A worker
    /// counts its lease from when it *sent* the claim (it cannot know when the trial was granted), so a
    /// hold as long as the lease would hand it a lease it must abandon at once.
    public var claimHold: Duration {
        min(idleClaimWait, .milliseconds(Int64(policy.leaseDuration * 250)))
    }
    /// Most leases one batched heartbeat may renew: a worker holds at most `maxClaimCount` per slot,
    /// and `lstm-sweep worker --jobs` allows 256 slots.
    public var maxHeartbeatBatch: Int { maxClaimCount * 256 }
    /// Body size limits.
    public var bodyLimits: BodyLimits
    /// Head size and idle-time limits of each connection.
    public var connectionLimits: ConnectionLimits
    /// Schemas of the presets the coordinator accepts sweeps for (the same provider as `run`).
    public var schemas: ParameterSchemaProvider
    /// The presets' cross-parameter checks, run on every configuration of a submitted sweep (HTTP 400).
    public var check: ConfigurationCheck?

    /// Creates a configuration with the documented defaults.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, tokens: AccessTokens? = nil, policy: LeasePolicy = .standard,
        reaperInterval: Duration? = nil, maxClaimCount: Int = 64, idleClaimWait: Duration = .seconds(2),
        bodyLimits: BodyLimits = BodyLimits(),
        connectionLimits: ConnectionLimits = ConnectionLimits(), schemas: @escaping ParameterSchemaProvider, check: ConfigurationCheck? = nil
    ) {
        self.host = host
        self.port = port
        self.tokens = tokens
        self.policy = policy
        // Reap several times per lease so an expired lease waits at most a fraction of a lease.
        self.reaperInterval = reaperInterval ?? .milliseconds(Int64(max(100, min(1000, policy.leaseDuration * 250))))
        self.maxClaimCount = maxClaimCount
        self.idleClaimWait = idleClaimWait
        self.bodyLimits = bodyLimits
        self.connectionLimits = connectionLimits
        self.schemas = schemas
        self.check = check
    }

    /// Whether `host` is a loopback address (the only kind allowed without tokens): `localhost`, or a
    /// numeric address in 127.0.0.0/8, `::1` or `::ffff:127.x.x.x`.
    ///
    /// The address is parsed (`inet_pton`), never matched by prefix: `127.attacker.invalid` is a
    /// hostname that may resolve anywhere, so it needs tokens like any other.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
        return bytes == Array(repeating: 0, count: 15) + [1] || (Array(bytes.prefix(12)) == mappedPrefix && bytes[12] == 127)
    }

    /// Refuses to expose an unauthenticated coordinator beyond this machine.
    public func validate() throws(SweepError) {
        if tokens == nil && !Self.isLoopback(host) {
            throw SweepError(
                .unauthorized, "refusing to listen on \(host) without tokens: pass --token-file (or use 127.0.0.1)")
        }
        guard (0...65535).contains(port) else { throw SweepError(.badRequest, "port \(port) is out of range") }
        guard policy.leaseDuration > 0, policy.maxAttempts >= 1 else {
            throw SweepError(.badRequest, "the lease must be positive and attempts at least 1")
        }
    }
}
