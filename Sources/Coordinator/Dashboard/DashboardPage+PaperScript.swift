// The Paper section's script, appended to the page's (it uses its `api`, `el`, `$`, `fillSelect` and
// `recordError`): polls `/v1/dashboard/paper` every 5 s, shows the section only when the database
// has paper rows, redraws the table and the table's chart only when the answer changed.

extension DashboardPage {
    static let paperScript = #"""
        const paperState = { answer: '', plotKey: '' };

        function verdictKind(verdict) {
          if (verdict === 'reproduced') return 'reproduced';
          return verdict.startsWith('not reproduced') ? 'not-reproduced' : 'open';
        }

        function renderPaper(data) {
          $('paper').hidden = !data.rows.length;
          if (!data.rows.length) return;
          // Every column but table, row and verdict is a number (or a number with its interval).
          const numeric = (index) => index >= 2 && index < data.columns.length - 1;
          $('paper-table').tHead.replaceChildren(el('tr', {},
            ...data.columns.map((name, index) => el('th', { class: numeric(index) ? 'num' : '' }, name))));
          $('paper-table').tBodies[0].replaceChildren(...data.cells.map((cells, row) => {
            const kind = verdictKind(data.rows[row].verdict);
            return el('tr', { class: 'paper-row', 'data-verdict': kind }, ...cells.map((cell, index) =>
              el('td', { class: index === cells.length - 1 ? 'verdict ' + kind : (numeric(index) ? 'num' : '') }, cell)));
          }));
          $('paper-note').textContent = data.note;
          fillSelect($('paper-plot-table'), data.tables, false);
        }

        async function refreshPaperPlot(force) {
          const table = $('paper-plot-table').value;
          if (!table) return;
          const measure = $('paper-plot-measure').value;
          const key = `${table}|${measure}`;
          if (!force && key === paperState.plotKey) return;
          // encodeURIComponent, not URLSearchParams: the server reads '+' as itself, not as a space.
          const response = await api(`/v1/dashboard/paper/plot?table=${encodeURIComponent(table)}&measure=${encodeURIComponent(measure)}`);
          paperState.plotKey = key;
          if (!response.ok) {
            const answer = await response.json();
            $('paper-plot').replaceChildren(el('p', { class: 'muted' }, answer.message));
            return;
          }
          const parsed = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
          $('paper-plot').replaceChildren(document.importNode(parsed, true));
        }

        async function refreshPaper() {
          const response = await api('/v1/dashboard/paper');
          if (!response.ok) return;
          const answer = await response.text();
          if (answer === paperState.answer) return;
          paperState.answer = answer;
          const data = JSON.parse(answer);
          renderPaper(data);
          if (data.rows.length) await refreshPaperPlot(true);
        }

        function pollPaper() {
          refreshPaper().catch((error) => { if (!(error instanceof NeedsToken)) recordError('paper: ' + error.message); });
        }
        for (const id of ['paper-plot-table', 'paper-plot-measure']) {
          $(id).addEventListener('change', () => refreshPaperPlot(false).catch(() => {}));
        }
        $('token-entry').addEventListener('submit', pollPaper);
        pollPaper();
        setInterval(pollPaper, 5000);
        """#
}
