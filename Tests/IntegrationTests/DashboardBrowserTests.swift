// Issue 14, item 4: the dashboard in a real browser. A real coordinator with a toy sweep and a
// worker process; headless Chromium loads `/`, lets the page poll, and the rendered DOM must show
// the sweep, a done count that grows between two loads, one table row per configuration, the
// server's SVG chart, and no console message or uncaught error. Needs Debian's `chromium`
// (HeadlessChromium.swift: missing is a failure unless LSTM_SWEEP_SKIP_BROWSER=1).

import Foundation
import SweepCore
import Testing

@Suite(.serialized, .enabled(if: !HeadlessChromium.skipped, "LSTM_SWEEP_SKIP_BROWSER=1"))
struct DashboardBrowserTests {
    /// 4 configurations × 10 seeds of 1,500 ms each (60 s with one worker): long enough for two page
    /// loads to see progress even when Chromium starts slowly on a loaded machine (150 ms was not, at
    /// load 8; 400 ms, a 16 s sweep, was not either, beside a full test run at load 5: the first load
    /// already saw all 40 done). The test waits for one trial before each load, not for the sweep.
    static let sweep = """
        name: browser
        preset: toy-lag
        seeds: 10
        fixed:
          toy.sleep_ms: 1500
          toy.critical: 150
        grid:
          toy.lag: [10, 100, 200, 400]
        """

    static func doneCount(_ dom: String) -> Int? {
        guard let range = dom.range(of: #"data-done="[0-9]+""#, options: .regularExpression) else { return nil }
        return Int(dom[range].dropFirst("data-done=\"".count).dropLast())
    }

    static func occurrences(of text: String, in dom: String) -> Int { dom.components(separatedBy: text).count - 1 }

    @Test func dashboardShowsTheSweepLiveInHeadlessChromium() async throws {
        let cluster = try ClusterHarness("browser")
        defer { cluster.shutdown() }
        guard let chromium = HeadlessChromium(profile: cluster.folder) else { return }
        // Given a coordinator, the toy sweep, and one worker running it a trial at a time
        try await cluster.startCoordinator()
        #expect(try await cluster.run(["submit", try cluster.sweepFile("browser", Self.sweep), "--coordinator", cluster.url]).0 == 0)
        _ = try cluster.startWorker("w1", ["--jobs", "1"])
        let started = await cluster.waitUntil(seconds: 60) { (try? await cluster.status())?.total[.done] ?? 0 >= 1 }
        #expect(started)

        // When the page is loaded, and loaded again once more trials are done
        let first = try chromium.load(cluster.url + "/")
        let firstDone = try #require(Self.doneCount(first.dom), "no done count in the DOM:\n\(first.dom.prefix(2000))")
        let progressed = await cluster.waitUntil(seconds: 60) { (try? await cluster.status())?.total[.done] ?? 0 > firstDone }
        #expect(progressed)
        let second = try chromium.load(cluster.url + "/")
        let secondDone = try #require(Self.doneCount(second.dom))

        // Then the DOM shows the sweep, a growing done count, a row per configuration, the SVG plot, and no errors
        print("dashboard browser test: done \(firstDone) -> \(secondDone) of 40; console lines: \(first.console.count + second.console.count)")
        #expect(secondDone > firstDone)
        for page in [first, second] {
            #expect(page.dom.contains(#"data-sweep="browser""#))
            #expect(Self.occurrences(of: #"<tr class="configuration""#, in: page.dom) == 4)
            #expect(page.dom.contains(#"class="lstm-sweep-chart""#), "no chart in the DOM")
            #expect(page.dom.contains(#"data-errors="0""#))
            #expect(page.console.isEmpty, "console: \(page.console)")
            #expect(!page.dom.contains(#"id="token-form" class="visible""#))
            #expect(page.dom.contains(#"<section id="paper" hidden"#), "a toy sweep has no paper row")
        }
        // And the polls ran without a reload: the page counted several overview answers
        let polls = second.dom.range(of: #"data-polls="[0-9]+""#, options: .regularExpression).map { Int(second.dom[$0].dropFirst(12).dropLast()) ?? 0 } ?? 0
        #expect(polls >= 2)
    }

    @Test func dashboardShowsThePaperTableOfAReadOnlyDatabase() async throws {
        // Given `serve --read-only` over a copy of docs/results/paper.sqlite
        let cluster = try DashboardPaperTests.paperCopy("browser-paper")
        defer { cluster.shutdown() }
        guard let chromium = HeadlessChromium(profile: cluster.folder) else { return }
        try await cluster.startCoordinator(["--read-only"])
        let served = try await DashboardPaperTests.comparison(cluster)

        // When the page is loaded
        let page = try chromium.load(cluster.url + "/")

        // Then the Paper section is shown with a row per paper row, each verdict, the chart, and no errors
        func verdicts(_ kind: String) -> Int { Self.occurrences(of: #"data-verdict="\#(kind)""#, in: page.dom) }
        let rows = Self.occurrences(of: #"<tr class="paper-row""#, in: page.dom)
        print(
            "dashboard paper browser test: \(rows) rows of \(served.rows.count) (\(verdicts("reproduced")) reproduced, "
                + "\(verdicts("not-reproduced")) not reproduced, \(verdicts("open")) open); console lines: \(page.console.count)")
        #expect(page.dom.contains(#"<section id="paper">"#))
        #expect(rows == served.rows.count && rows >= 20)
        #expect(verdicts("reproduced") == served.rows.filter { $0.verdict == "reproduced" }.count)
        #expect(verdicts("not-reproduced") == served.rows.filter { $0.verdict.hasPrefix("not reproduced") }.count)
        for cells in served.cells {
            #expect(page.dom.contains(">\(cells[1])</td>"), "row \(cells[1])")
        }
        #expect(page.dom.contains("Table 1: success rate, ours and the paper"), "no paper chart in the DOM")
        #expect(page.dom.contains(#"data-errors="0""#))
        #expect(page.console.isEmpty, "console: \(page.console)")
    }

    @Test func dashboardAsksForTheTokenWhenTheCoordinatorHasTokens() async throws {
        let cluster = try ClusterHarness("browser-token")
        defer { cluster.shutdown() }
        guard let chromium = HeadlessChromium(profile: cluster.folder) else { return }
        let tokens = cluster.path("tokens")
        try "worker=worker-secret-1\nread=read-secret-22\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        try await cluster.startCoordinator(["--token-file", tokens])
        let page = try chromium.load(cluster.url + "/", budget: 3000)
        // The page itself is served; its data needs the token, so it shows the token form and no sweep
        #expect(page.dom.contains(#"id="token-form" class="visible""#))
        #expect(!page.dom.contains("data-sweep="))
        #expect(page.dom.contains(#"data-errors="0""#))
    }
}
