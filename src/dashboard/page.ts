/**
 * The dashboard page: plain HTML, CSS and a script (no framework), with uPlot for the charts.
 * Kept as strings in a module so they ship inside dist/ with the compiled code.
 */

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tessera dashboard</title>
<link rel="stylesheet" href="/vendor/uPlot.min.css">
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header><h1>Tessera</h1><span id="connection">connecting…</span></header>
<section id="runs"><h2>Runs</h2><div id="run-list"></div></section>
<section><h2>Progress</h2><table id="status"><thead><tr><th>run</th><th>state</th><th>epoch</th><th>samples/s</th><th>s/epoch</th><th>ETA</th></tr></thead><tbody></tbody></table></section>
<section id="charts"></section>
<section id="classifier" hidden><h2>Confusion matrix <small id="cm-epoch"></small></h2><table id="confusion"></table>
<h2>Validation samples</h2><div id="samples"></div></section>
<section><h2>Epochs</h2><table id="epochs"><thead></thead><tbody></tbody></table></section>
<section><h2>Model</h2><pre id="summary"></pre></section>
<script src="/vendor/uPlot.iife.min.js"></script>
<script src="/app.js"></script>
</body>
</html>
`;

export const PAGE_CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 1.5rem 2rem; color: #222; }
header { display: flex; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.4rem; margin: 0.8rem 0; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
#connection { color: #777; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
#charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.chart h3 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
pre { background: #f6f6f6; padding: 0.6rem; overflow: auto; }
label { margin-right: 1rem; }
#confusion td.diag { background: #e3f1e3; font-weight: 600; }
#samples { display: flex; flex-wrap: wrap; gap: 0.6rem; }
.sample { border: 1px solid #ddd; padding: 0.3rem; max-width: 260px; font-size: 0.85rem; }
.sample img { display: block; max-width: 250px; image-rendering: pixelated; }
.sample audio { width: 250px; height: 2rem; }
.sample .text { white-space: pre-wrap; max-height: 6rem; overflow: auto; }
.sample .ok { color: #1a7f1a; } .sample .wrong { color: #c21d1d; }
`;

/** The page's script: EventSource per selected run, state from the events, charts and tables from the state. */
export const PAGE_JS = String.raw`
'use strict';
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const runs = new Map();      // name → { start, batches: [], epochs: [], end, color }
const sources = new Map();   // name → EventSource
const charts = new Map();    // title → { plot, signature }
let dirty = false;

function fmt(v) { return v === undefined || v === null ? '' : Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(4)).toString(); }
function duration(s) { if (s === null || s === undefined || !isFinite(s)) return ''; const m = Math.floor(s / 60); return m ? m + 'm ' + Math.round(s % 60) + 's' : s.toFixed(1) + 's'; }

const known = new Set();

/** Lists the runs; new ones (a training run started or restarted since) are added and followed. */
async function refreshRuns(first) {
  const names = await (await fetch('/api/runs')).json();
  const list = document.getElementById('run-list');
  if (!names.length) { list.textContent = 'no runs yet'; return; }
  if (!known.size) list.textContent = '';
  names.filter((n) => !known.has(n)).reverse().forEach((name) => {
    known.add(name);
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    // At first the three newest runs side by side; later, every new run.
    box.checked = !first || names.indexOf(name) < 3;
    box.dataset.run = name;
    box.addEventListener('change', () => (box.checked ? follow(name) : unfollow(name)));
    label.append(box, ' ' + name);
    list.prepend(label);
    if (box.checked) follow(name);
  });
}

async function init() {
  await refreshRuns(true);
  setInterval(() => { refreshRuns(false).catch(() => {}); }, 3000);
}

function follow(name) {
  const color = COLORS[runs.size % COLORS.length];
  runs.set(name, { start: null, batches: [], epochs: [], end: null, color, samples: null, evaluations: [] });
  const es = new EventSource('/api/runs/' + encodeURIComponent(name) + '/events');
  es.onopen = () => { document.getElementById('connection').textContent = 'live'; };
  es.onerror = () => { document.getElementById('connection').textContent = 'reconnecting…'; };
  es.onmessage = (m) => {
    const run = runs.get(name);
    if (!run) return;
    const e = JSON.parse(m.data);
    // A reconnect replays the file from the start: keep what is known, skip what was seen.
    if (e.type === 'start') { if (!run.start) run.start = e; }
    else if (e.type === 'batch') { if (!run.batches.length || e.step > run.batches[run.batches.length - 1].step) run.batches.push(e); }
    else if (e.type === 'epoch') { if (!run.epochs.some((x) => x.epoch === e.epoch)) run.epochs.push(e); }
    else if (e.type === 'end') run.end = e;
    else if (e.type === 'samples') { if (!run.samples) run.samples = e; }
    else if (e.type === 'evaluation') { if (!run.evaluations.some((x) => x.epoch === e.epoch)) run.evaluations.push(e); }
    schedule();
  };
  sources.set(name, es);
}

function unfollow(name) {
  sources.get(name)?.close();
  sources.delete(name);
  runs.delete(name);
  schedule();
}

function schedule() {
  if (dirty) return;
  dirty = true;
  setTimeout(() => { dirty = false; render(); }, 200);
}

function metricNames() {
  const names = new Set();
  for (const run of runs.values()) {
    for (const e of run.epochs) for (const k of Object.keys(e.logs)) if (!k.startsWith('val_') && k !== 'learning_rate') names.add(k);
    for (const b of run.batches) for (const k of Object.keys(b.logs)) if (k !== 'size' && k !== 'batch') names.add(k);
  }
  return [...names];
}

/** uPlot wants one x array: the union of batch positions (fractional epochs) and epoch ends, with null gaps. */
function chartData(series) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => { const y = new Array(xs.length).fill(null); for (const [x, v] of s.points) y[index.get(x)] = v; return y; });
  return [xs, ...ys];
}

function drawChart(title, series) {
  const container = document.getElementById('charts');
  const signature = series.map((s) => s.label).join('|');
  let entry = charts.get(title);
  const data = chartData(series);
  if (entry && entry.signature === signature) { entry.plot.setData(data); return; }
  if (entry) entry.div.remove();
  const div = document.createElement('div');
  div.className = 'chart';
  div.dataset.chart = title;
  const h = document.createElement('h3');
  h.textContent = title;
  div.append(h);
  container.append(div);
  const plot = new uPlot({
    width: 460, height: 220,
    scales: { x: { time: false } },
    axes: [{ label: 'epoch' }, { size: 64 }],
    series: [{ label: 'epoch' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width, dash: s.dash, spanGaps: true, points: { show: s.points.length < 60 } }))],
  }, data, div);
  charts.set(title, { plot, signature, div });
}

function render() {
  const steps = (run) => run.start && run.start.steps ? run.start.steps : Math.max(1, ...run.batches.map((b) => b.batch + 1));
  for (const name of metricNames()) {
    const series = [];
    for (const [run, r] of runs) {
      const short = run.slice(-24);
      series.push({ label: short + ' batch', color: r.color + '66', width: 1, points: r.batches.filter((b) => name in b.logs).map((b) => [b.epoch + (b.batch + 1) / steps(r), b.logs[name]]) });
      series.push({ label: short + ' train', color: r.color, width: 2, points: r.epochs.filter((e) => name in e.logs).map((e) => [e.epoch + 1, e.logs[name]]) });
      series.push({ label: short + ' val', color: r.color, width: 2, dash: [6, 4], points: r.epochs.filter((e) => ('val_' + name) in e.logs).map((e) => [e.epoch + 1, e.logs['val_' + name]]) });
    }
    drawChart(name, series.filter((s) => s.points.length));
  }
  const speed = [...runs].map(([run, r]) => ({ label: run.slice(-24) + ' samples/s', color: r.color, width: 1, points: r.batches.map((b) => [b.epoch + (b.batch + 1) / steps(r), b.samplesPerSecond]) }));
  if (speed.some((s) => s.points.length)) drawChart('samples/s', speed.filter((s) => s.points.length));
  const lr = [...runs].map(([run, r]) => ({ label: run.slice(-24) + ' learning rate', color: r.color, width: 2, points: r.epochs.filter((e) => e.learningRate !== null).map((e) => [e.epoch + 1, e.learningRate]) }));
  if (lr.some((s) => s.points.length)) drawChart('learning rate', lr.filter((s) => s.points.length));

  const status = document.querySelector('#status tbody');
  status.textContent = '';
  for (const [run, r] of runs) {
    const last = r.batches[r.batches.length - 1];
    const lastEpoch = r.epochs[r.epochs.length - 1];
    const tr = document.createElement('tr');
    tr.dataset.run = run;
    const cells = [run, r.end ? 'finished' : r.start ? 'training' : 'waiting',
      (r.epochs.length) + ' / ' + (r.start ? r.start.epochs : '?'), last ? fmt(last.samplesPerSecond) : '',
      lastEpoch ? duration(lastEpoch.seconds) : '', r.end ? '' : lastEpoch ? duration(lastEpoch.etaSeconds) : ''];
    for (const c of cells) { const td = document.createElement('td'); td.textContent = c; tr.append(td); }
    status.append(tr);
  }

  const keys = [...new Set([...runs.values()].flatMap((r) => r.epochs.flatMap((e) => Object.keys(e.logs))))];
  const head = document.querySelector('#epochs thead');
  head.innerHTML = '';
  const hr = document.createElement('tr');
  for (const k of ['run', 'epoch', ...keys, 'seconds']) { const th = document.createElement('th'); th.textContent = k; hr.append(th); }
  head.append(hr);
  const body = document.querySelector('#epochs tbody');
  body.textContent = '';
  for (const [run, r] of runs) {
    for (const e of r.epochs) {
      const tr = document.createElement('tr');
      const first = document.createElement('td'); first.textContent = run.slice(-24); tr.append(first);
      const ep = document.createElement('td'); ep.textContent = String(e.epoch + 1); tr.append(ep);
      for (const k of keys) {
        const td = document.createElement('td');
        if (k in e.logs) { td.textContent = fmt(e.logs[k]); td.title = String(e.logs[k]); td.dataset.run = run; td.dataset.epoch = String(e.epoch); td.dataset.key = k; }
        tr.append(td);
      }
      const s = document.createElement('td'); s.textContent = duration(e.seconds); tr.append(s);
      body.append(tr);
    }
  }
  const first = [...runs.values()].find((r) => r.start);
  document.getElementById('summary').textContent = first ? first.start.summary.join('\n') : '';
  renderClassifier();
}

function renderClassifier() {
  const run = [...runs.values()].find((r) => r.samples);
  const section = document.getElementById('classifier');
  section.hidden = !run;
  if (!run) return;
  const names = run.samples.classNames;
  const last = run.evaluations[run.evaluations.length - 1];
  const table = document.getElementById('confusion');
  table.textContent = '';
  if (last) {
    document.getElementById('cm-epoch').textContent = '(validation, epoch ' + (last.epoch + 1) + '; rows: true, columns: predicted)';
    const head = document.createElement('tr');
    for (const h of ['', ...names]) { const th = document.createElement('th'); th.textContent = h; head.append(th); }
    table.append(head);
    last.confusion.forEach((row, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th'); th.textContent = names[i]; tr.append(th);
      row.forEach((n, j) => { const td = document.createElement('td'); td.textContent = String(n); if (i === j) td.className = 'diag'; tr.append(td); });
      table.append(tr);
    });
  }
  const grid = document.getElementById('samples');
  grid.textContent = '';
  run.samples.items.forEach((item, i) => {
    const card = document.createElement('div');
    card.className = 'sample';
    if (item.image) { const img = document.createElement('img'); img.src = item.image; img.alt = item.label; card.append(img); }
    if (item.audio) { const a = document.createElement('audio'); a.controls = true; a.src = item.audio; card.append(a); }
    if (item.text !== undefined) { const t = document.createElement('div'); t.className = 'text'; t.textContent = item.text; card.append(t); }
    const caption = document.createElement('div');
    const predicted = last ? last.predicted[i] : null;
    caption.textContent = 'true: ' + item.label + (predicted !== null && predicted !== undefined ? ' · predicted: ' + predicted : '');
    if (predicted !== null && predicted !== undefined) caption.className = predicted === item.label ? 'ok' : 'wrong';
    card.append(caption);
    grid.append(card);
  });
}

init().catch((e) => { document.getElementById('connection').textContent = 'error: ' + e.message; });
`;
