// The dashboard's script: polls `/v1/dashboard/overview` every 2 s and the selected sweep's table
// and chart every 5 s, builds every row with textContent (names are user input), and offers cancel
// and retry to worker-token holders behind a confirm(). Errors set `data-errors` on <body>, which
// the browser test reads.

extension DashboardPage {
    static let script = #"""
        'use strict';
        const TOKEN_KEY = 'lstm-sweep-token';
        const state = {
          token: sessionStorage.getItem(TOKEN_KEY), selected: null, overview: null, configurations: null,
          sort: { key: null, ascending: true }, plotKey: '', busy: false
        };
        const $ = (id) => document.getElementById(id);

        function recordError(message) {
          document.body.dataset.errors = String(Number(document.body.dataset.errors) + 1);
          $('status').textContent = 'error: ' + message;
          $('status').className = 'error';
        }
        window.addEventListener('error', (event) => recordError(event.message));
        window.addEventListener('unhandledrejection', (event) => recordError(String(event.reason)));

        function el(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attributes || {})) {
            if (key === 'class') node.className = value; else node.setAttribute(key, value);
          }
          for (const child of children) {
            node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
          }
          return node;
        }

        class NeedsToken extends Error {}

        async function api(path, options) {
          const headers = Object.assign({}, (options || {}).headers);
          if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
          const response = await fetch(path, Object.assign({ cache: 'no-store' }, options, { headers }));
          if (response.status === 401) { askForToken(); throw new NeedsToken(); }
          return response;
        }

        function askForToken() {
          $('token-form').classList.add('visible');
          $('status').textContent = 'this coordinator needs a token';
        }

        $('token-entry').addEventListener('submit', (event) => {
          event.preventDefault();
          state.token = $('token-input').value.trim();
          sessionStorage.setItem(TOKEN_KEY, state.token);
          $('token-input').value = '';
          $('token-form').classList.remove('visible');
          refresh();
        });

        function duration(seconds) {
          if (seconds == null || !isFinite(seconds)) return '—';
          if (seconds < 90) return Math.round(seconds) + ' s';
          if (seconds < 5400) return Math.round(seconds / 60) + ' min';
          return (seconds / 3600).toFixed(1) + ' h';
        }
        function ago(iso, now) { return iso ? duration((now - Date.parse(iso)) / 1000) + ' ago' : '—'; }
        function fixed(value, digits) { return value == null ? '—' : Number(value).toFixed(digits); }

        function progressBar(sweep) {
          const total = sweep.queued + sweep.leased + sweep.done + sweep.failed + sweep.cancelled;
          const bar = el('div', { class: 'bar', title: `${sweep.done} done, ${sweep.failed} failed, ${sweep.leased} leased, ${sweep.queued} queued, ${sweep.cancelled} cancelled` });
          for (const part of ['done', 'failed', 'leased', 'cancelled']) {
            bar.append(el('span', { class: part, style: `width:${total ? (100 * sweep[part] / total) : 0}%` }));
          }
          return bar;
        }

        async function act(sweep, action) {
          const question = action === 'cancel'
            ? `Cancel sweep "${sweep}"? Queued trials are cancelled and running ones stop at their next heartbeat.`
            : `Retry the failed trials of sweep "${sweep}" with a fresh attempt budget?`;
          if (!window.confirm(question)) return;
          const body = action === 'cancel' ? '{}' : '{"failed":true}';
          const response = await api(`/v1/sweeps/${encodeURIComponent(sweep)}/${action}`, {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          const answer = await response.json();
          $('action-message').textContent = response.ok
            ? (action === 'cancel' ? `${sweep}: ${answer.cancelled} trials cancelled` : `${sweep}: ${answer.requeued} trials queued again`)
            : `${sweep}: ${answer.message}`;
          refresh();
        }

        function renderSweeps(overview) {
          const body = $('sweeps').tBodies[0];
          body.replaceChildren();
          const now = Date.parse(overview.generatedAt);
          $('actions-head').textContent = overview.canManage ? 'actions' : '';
          for (const sweep of overview.sweeps) {
            const total = sweep.queued + sweep.leased + sweep.done + sweep.failed + sweep.cancelled;
            const row = el('tr', { class: 'sweep' + (sweep.name === state.selected ? ' selected' : ''), 'data-sweep': sweep.name },
              el('td', { class: 'sweep-name' }, sweep.name), el('td', {}, sweep.preset), el('td', {}, sweep.state),
              el('td', {}, progressBar(sweep)),
              el('td', { class: 'num' }, el('span', { class: 'done-count', 'data-done': String(sweep.done) }, sweep.done), ' / ', total),
              el('td', { class: 'num' }, sweep.failed), el('td', { class: 'num' }, sweep.successes),
              el('td', { class: 'num' }, fixed(sweep.ratePerMinute, 1)), el('td', { class: 'num' }, duration(sweep.etaSeconds)));
            const actions = el('td', {});
            if (overview.canManage) {
              const cancel = el('button', { class: 'cancel' }, 'cancel');
              cancel.addEventListener('click', (event) => { event.stopPropagation(); act(sweep.name, 'cancel'); });
              const retry = el('button', { class: 'retry' }, 'retry failed');
              retry.addEventListener('click', (event) => { event.stopPropagation(); act(sweep.name, 'retry'); });
              if (sweep.state === 'active') actions.append(cancel, ' ');
              if (sweep.failed > 0) actions.append(retry);
            }
            row.append(actions);
            row.addEventListener('click', () => select(sweep.name));
            body.append(row);
          }
          if (!overview.sweeps.length) body.append(el('tr', {}, el('td', { colspan: '10', class: 'muted' }, 'No sweeps yet.')));
          void now;
        }

        // "2.1M of 5M" from the last heartbeat's standing, "—" before one told it.
        function standing(trial) {
          if (trial.sequences == null) return '—';
          const short = (n) => n >= 1e6 ? (n / 1e6).toFixed(2).replace(/\.?0+$/, '') + 'M'
            : n >= 1e4 ? (n / 1e3).toFixed(1).replace(/\.0$/, '') + 'k' : String(n);
          return short(trial.sequences) + (trial.maxSequences == null ? '' : ' of ' + short(trial.maxSequences));
        }

        function renderTrials(id, trials, now, failed) {
          const body = $(id).tBodies[0];
          body.replaceChildren();
          for (const trial of trials) {
            const cells = [el('td', {}, trial.sweep), el('td', { title: trial.trialID }, trial.trialID.slice(0, 12)),
              el('td', {}, trial.configuration)];
            if (!failed) cells.push(el('td', { class: 'num' }, trial.seed));
            cells.push(el('td', { class: 'num' }, trial.attempt), el('td', {}, trial.worker || '—'));
            cells.push(failed ? el('td', {}, ago(trial.updatedAt, now)) : el('td', {}, ago(trial.heartbeatAt, now)));
            if (failed) cells.push(el('td', { class: 'error' }, trial.reason || '—'));
            else cells.push(el('td', { class: 'num' }, standing(trial)));
            body.append(el('tr', {}, ...cells));
          }
          if (!trials.length) body.append(el('tr', {}, el('td', { colspan: failed ? '7' : '8', class: 'muted' }, failed ? 'No failures.' : 'Nothing running.')));
        }

        function renderWorkers(overview) {
          const body = $('workers').tBodies[0];
          const now = Date.parse(overview.generatedAt);
          body.replaceChildren(...overview.workers.map((worker) => el('tr', {}, el('td', {}, worker.id), el('td', {}, ago(worker.lastSeenAt, now)),
            el('td', { class: 'num' }, worker.running), el('td', { class: 'num' }, worker.claims), el('td', { class: 'num' }, worker.results))));
          if (!overview.workers.length) body.append(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, 'No worker has called in.')));
        }

        function select(name) {
          if (state.selected === name) return;
          state.selected = name;
          state.configurations = null;
          state.plotKey = '';
          $('selected-name').textContent = name;
          document.querySelectorAll('#sweeps tr.sweep').forEach((row) => row.classList.toggle('selected', row.dataset.sweep === name));
          refreshSweep();
        }

        function cellValue(row, key) {
          if (key.startsWith('p:')) {
            const value = row.parameters[key.slice(2)];
            return value == null ? null : value;
          }
          return row[key];
        }

        function renderConfigurations() {
          const table = $('configurations');
          const data = state.configurations;
          if (!data) return;
          const columns = data.varied.map((name) => ({ key: 'p:' + name, label: name, numeric: data.numeric.includes(name) }))
            .concat([['trials', 'trials'], ['done', 'done'], ['failed', 'failed'], ['successes', 'successes'],
              ['successRate', 'success rate'], ['medianSequences', 'median seq.'], ['meanSequences', 'mean seq.']]
              .map(([key, label]) => ({ key, label, numeric: true })));
          const head = el('tr', {});
          for (const column of columns) {
            const marker = state.sort.key === column.key ? (state.sort.ascending ? ' ▲' : ' ▼') : '';
            const th = el('th', { class: 'sortable' + (column.numeric ? ' num' : ''), 'data-key': column.key }, column.label + marker);
            th.addEventListener('click', () => {
              state.sort = { key: column.key, ascending: state.sort.key === column.key ? !state.sort.ascending : true };
              renderConfigurations();
            });
            head.append(th);
          }
          table.tHead.replaceChildren(head);
          const rows = data.rows.slice();
          if (state.sort.key) {
            const key = state.sort.key, direction = state.sort.ascending ? 1 : -1;
            rows.sort((a, b) => {
              const x = cellValue(a, key), y = cellValue(b, key);
              if (x == null) return y == null ? 0 : 1;
              if (y == null) return -1;
              return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
            });
          }
          table.tBodies[0].replaceChildren(...rows.map((row) => el('tr', { class: 'configuration' }, ...columns.map((column) => {
            let value = cellValue(row, column.key);
            if (column.key === 'successRate') value = fixed(value, 2);
            else if (column.key.endsWith('Sequences')) value = fixed(value, 0);
            else if (value != null && typeof value === 'object') value = JSON.stringify(value);
            return el('td', { class: column.numeric ? 'num' : '' }, value == null ? '—' : value);
          }))));
        }

        function fillSelect(select, names, blank) {
          const current = select.value;
          const wanted = (blank ? [''] : []).concat(names);
          if (Array.from(select.options).map((o) => o.value).join('|') !== wanted.join('|')) {
            select.replaceChildren(...wanted.map((name) => el('option', { value: name }, name || '—')));
          }
          if (wanted.includes(current)) select.value = current;
        }

        async function refreshPlot(force) {
          const data = state.configurations;
          if (!state.selected || !data) return;
          const kind = $('plot-kind').value;
          const params = new URLSearchParams();
          if (kind === 'success' || kind === 'sequences' || kind === 'frontier') {
            if (kind !== 'frontier' && !data.numeric.length) {
              $('plot').replaceChildren(el('p', { class: 'muted' }, 'This sweep varies no numeric parameter to plot against.'));
              return;
            }
            if ($('plot-x').value) params.set('x', $('plot-x').value);
            if ($('plot-by').value) params.set('by', $('plot-by').value);
          }
          if (kind === 'curves') params.set('configuration', $('plot-configuration').value || '1');
          const key = `${state.selected}|${kind}|${params}`;
          if (!force && key === state.plotKey) return;
          const response = await api(`/v1/dashboard/sweeps/${encodeURIComponent(state.selected)}/plots/${kind}?${params}`);
          if (!response.ok) {
            const answer = await response.json();
            $('plot').replaceChildren(el('p', { class: 'muted' }, answer.message));
            state.plotKey = key;
            return;
          }
          const svg = await response.text();
          const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
          $('plot').replaceChildren(document.importNode(parsed, true));
          state.plotKey = key;
        }

        async function refreshSweep() {
          if (!state.selected) return;
          const name = state.selected;
          const response = await api(`/v1/dashboard/sweeps/${encodeURIComponent(name)}/configurations`);
          if (!response.ok || name !== state.selected) return;
          state.configurations = await response.json();
          fillSelect($('plot-x'), state.configurations.numeric, false);
          fillSelect($('plot-by'), state.configurations.varied, true);
          renderConfigurations();
          await refreshPlot(true);
        }

        async function refresh() {
          if (state.busy) return;
          state.busy = true;
          try {
            const response = await api('/v1/dashboard/overview');
            if (!response.ok) { $('status').textContent = 'overview: HTTP ' + response.status; return; }
            const overview = await response.json();
            state.overview = overview;
            const now = Date.parse(overview.generatedAt);
            $('mode').replaceChildren(overview.readOnly ? el('span', { class: 'badge' }, 'read-only') : '');
            renderSweeps(overview);
            renderTrials('running', overview.running, now, false);
            renderTrials('failures', overview.failures, now, true);
            renderWorkers(overview);
            if (!state.selected && overview.sweeps.length) select(overview.sweeps[0].name);
            document.body.dataset.polls = String(Number(document.body.dataset.polls) + 1);
            $('status').textContent = 'updated ' + new Date(now).toLocaleTimeString();
            $('status').className = '';
          } catch (error) {
            if (!(error instanceof NeedsToken)) $('status').textContent = 'cannot reach the coordinator: ' + error.message;
          } finally {
            state.busy = false;
          }
        }

        for (const id of ['plot-kind', 'plot-x', 'plot-by', 'plot-configuration']) {
          $(id).addEventListener('change', () => refreshPlot(false).catch(() => {}));
        }
        refresh();
        setInterval(refresh, 2000);
        setInterval(() => refreshSweep().catch(() => {}), 5000);
        """#
}
