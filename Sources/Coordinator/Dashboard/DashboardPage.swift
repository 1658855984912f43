// The dashboard page served at `/`: plain HTML and CSS here, the script in DashboardPage+Script.swift
// (and the Paper section's in DashboardPage+PaperScript.swift).
// No CDN, no build step, no external request: everything it shows comes from `/v1/dashboard/…`
// (JSON and server-drawn SVG), polled every two seconds. The page itself holds no data, so it needs
// no token; the read token is asked for on the first 401 and kept in sessionStorage, never in a URL.

/// The dashboard's HTML document.
enum DashboardPage {
    static let html = head + body + "<script>\n" + script + "\n" + paperScript + "\n</script>\n</body>\n</html>\n"

    static let head = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>lstm-sweep dashboard</title>
        <link rel="icon" href="data:,">
        <style>
        :root { --done: #009E73; --failed: #D55E00; --leased: #0072B2; --queued: #d9d9d9; --cancelled: #999999; }
        body { font: 14px/1.4 Helvetica, Arial, sans-serif; margin: 0; color: #1a1a1a; background: #f7f7f7; }
        header { background: #1f2a36; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: baseline; }
        header h1 { font-size: 18px; margin: 0; }
        #status { font-size: 12px; opacity: 0.85; }
        .badge { background: #E69F00; color: #000; border-radius: 3px; padding: 1px 6px; font-size: 12px; }
        main { padding: 12px 20px; display: grid; gap: 16px; }
        section { background: #fff; border: 1px solid #e0e0e0; border-radius: 4px; padding: 10px 14px; overflow-x: auto; }
        h2 { font-size: 15px; margin: 4px 0 10px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eee; white-space: nowrap; }
        th.sortable { cursor: pointer; user-select: none; }
        th.sortable:hover { background: #f0f0f0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.sweep { cursor: pointer; }
        tr.sweep.selected { background: #eaf2fb; }
        .bar { display: flex; width: 220px; height: 12px; border-radius: 2px; overflow: hidden; background: var(--queued); }
        .bar span { display: block; height: 100%; }
        .bar .done { background: var(--done); } .bar .failed { background: var(--failed); }
        .bar .leased { background: var(--leased); } .bar .cancelled { background: var(--cancelled); }
        .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 10px; vertical-align: middle; }
        #plot { min-height: 60px; } #plot svg { max-width: 100%; height: auto; }
        .controls { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
        .muted { color: #666; } .error { color: #b00020; }
        button { font: inherit; padding: 2px 8px; }
        #token-form { display: none; } #token-form.visible { display: block; }
        #paper-note { white-space: pre-line; font-size: 12px; } #paper-plot svg { max-width: 100%; height: auto; }
        #paper-table { font-size: 12px; } #paper-table th, #paper-table td.verdict { white-space: normal; }
        td.verdict.reproduced { color: var(--done); font-weight: bold; } td.verdict.not-reproduced { color: var(--failed); }
        </style>
        </head>

        """#

    static let body = #"""
        <body data-errors="0" data-polls="0">
        <header><h1>lstm-sweep</h1><span id="status">connecting…</span><span id="mode"></span></header>
        <main>
        <section id="token-form">
          <h2>Read token</h2>
          <p class="muted">This coordinator needs a token (the <code>read=</code> or <code>worker=</code> line of its token file).
          It is kept in this tab's session storage only.</p>
          <form id="token-entry"><input id="token-input" type="password" autocomplete="off" size="40">
          <button type="submit">Use token</button></form>
        </section>
        <section>
          <h2>Sweeps</h2>
          <div class="legend muted"><span style="background:var(--done)"></span>done<span style="background:var(--failed)"></span>failed<span style="background:var(--leased)"></span>leased<span style="background:var(--queued)"></span>queued<span style="background:var(--cancelled)"></span>cancelled</div>
          <table id="sweeps"><thead><tr><th>sweep</th><th>preset</th><th>state</th><th>progress</th><th class="num">done / trials</th>
          <th class="num">failed</th><th class="num">successes</th><th class="num">rate / min</th><th class="num">ETA</th><th id="actions-head"></th></tr></thead>
          <tbody></tbody></table>
          <p id="action-message" class="muted"></p>
        </section>
        <section id="sweep-detail">
          <h2>Sweep <span id="selected-name">—</span></h2>
          <div class="controls">
            <label>plot <select id="plot-kind"><option>success</option><option>sequences</option><option>curves</option><option>frontier</option></select></label>
            <label>x <select id="plot-x"></select></label>
            <label>by <select id="plot-by"><option value="">—</option></select></label>
            <label>configuration <input id="plot-configuration" type="number" min="1" value="1" style="width:5em"></label>
          </div>
          <div id="plot"><p class="muted">Select a sweep.</p></div>
          <h2>Configurations</h2>
          <table id="configurations"><thead></thead><tbody></tbody></table>
        </section>
        <section id="paper" hidden>
          <h2>Paper</h2>
          <p class="muted">Every paper row with trials here, beside the paper's figures, as <code>lstm-sweep report --paper</code> prints it.</p>
          <table id="paper-table"><thead></thead><tbody></tbody></table>
          <p id="paper-note" class="muted"></p>
          <div class="controls">
            <label>table <select id="paper-plot-table"></select></label>
            <label>measure <select id="paper-plot-measure"><option>success</option><option>sequences</option></select></label>
          </div>
          <div id="paper-plot"></div>
        </section>
        <section><h2>Running trials</h2><table id="running"><thead><tr><th>sweep</th><th>trial</th><th>configuration</th>
          <th class="num">seed</th><th class="num">attempt</th><th>worker</th><th>last heartbeat</th><th class="num">sequences</th></tr></thead><tbody></tbody></table></section>
        <section><h2>Workers</h2><table id="workers"><thead><tr><th>worker</th><th>last seen</th><th class="num">running</th>
          <th class="num">claims</th><th class="num">results</th></tr></thead><tbody></tbody></table></section>
        <section><h2>Recent failures</h2><table id="failures"><thead><tr><th>sweep</th><th>trial</th><th>configuration</th>
          <th class="num">attempt</th><th>worker</th><th>when</th><th>reason</th></tr></thead><tbody></tbody></table></section>
        </main>

        """#
}
