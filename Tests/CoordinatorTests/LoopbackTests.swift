import Coordinator
import SweepCore
import Testing

/// Without tokens the coordinator listens only on loopback: a numeric loopback address or
/// `localhost`, parsed, never a prefix of a hostname (issue 16, item 6).
struct LoopbackTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("0:0:0:0:0:0:0:1", true), ("localhost", true),
        ("::ffff:127.0.0.1", true),
        ("127.attacker.invalid", false), ("127.0.0.1.nip.io", false), ("127.0.0", false), ("localhost.example", false),
        ("0.0.0.0", false), ("::", false), ("10.0.0.1", false), ("example.invalid", false), ("", false),
    ])
    func onlyNumericLoopbackAndLocalhostCount(host: String, loopback: Bool) {
        #expect(CoordinatorConfiguration.isLoopback(host) == loopback)
    }

    @Test func hostnameStartingWith127NeedsTokens() {
        let configuration = CoordinatorConfiguration(host: "127.attacker.invalid", schemas: CoordinatorFixture.schemas)
        let error = #expect(throws: SweepError.self) { try configuration.validate() }
        #expect(error?.code == .unauthorized)
    }
}
