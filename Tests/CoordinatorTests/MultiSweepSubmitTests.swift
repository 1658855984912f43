// POST /v1/sweeps with a file of several sweeps (YAML documents), over an in-memory store.

import Coordinator
import Foundation
import SweepCore
import Testing

@Suite struct MultiSweepSubmitTests {
    static let table = "name: a\npreset: toy\nseeds: 2\n---\nname: b\npreset: toy\nseeds: 3\n"

    @Test func everySweepOfTheFileIsRegisteredAndListed() async throws {
        let store = InMemoryTrialStore()
        try await CoordinatorFixture.withCoordinator(store: store, catalog: InMemoryCatalog(store: store)) { base in
            let (status, data) = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.table, fileName: "t.yaml")))
            #expect(status == 201)
            let reply = try APICoding.decode(SubmitResponse.self, from: data)
            #expect(reply.entries.map(\.sweepName) == ["a", "b"])
            #expect(reply.entries.map(\.trials) == [2, 3])
            #expect(reply.sweepName == "a")
            #expect(store.sweepNames() == ["a", "b"])
        }
    }

    @Test func aBadLaterDocumentRegistersNothingAndNamesItsLine() async throws {
        let store = InMemoryTrialStore()
        try await CoordinatorFixture.withCoordinator(store: store, catalog: InMemoryCatalog(store: store)) { base in
            let yaml = Self.table + "---\nname: c\npreset: toy\nfixed:\n  toy.nope: 1\n"
            let (status, data) = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: yaml, fileName: "t.yaml")))
            #expect(status == 400)
            #expect(try APICoding.decode(ErrorResponse.self, from: data).message.hasPrefix("t.yaml:12:3:"))
            #expect(store.sweepNames().isEmpty)
        }
    }
}
