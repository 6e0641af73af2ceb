// Chart.js 4 on @napi-rs/canvas renders a chartfn spec, the way a typical Node service does.
//   node chartjs_render.mjs warm SPEC RUNS WARMUP  -> one JSON line: median_ms, p90_ms, bytes, rss_kb
//   node chartjs_render.mjs cold SPEC OUT.png      -> load, render, write (timed from outside)
// Render time is chart creation + drawing + PNG encoding, with the data already loaded.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

Chart.register(...registerables, MatrixController, MatrixElement);
const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
const white = {
  id: 'white',
  beforeDraw: (c) => { const x = c.ctx; x.save(); x.fillStyle = '#fff'; x.fillRect(0, 0, c.width, c.height); x.restore(); },
};
// viridis, 5 stops, linearly interpolated
const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
function viridis(t) {
  const f = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(f), stops.length - 2), u = f - i;
  const c = stops[i].map((a, k) => Math.round(a + (stops[i + 1][k] - a) * u));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function config(spec) {
  const s = spec.series, kind = s[0].type;
  const plugins = { title: { display: true, text: spec.title || '' }, legend: { display: s.length > 1 } };
  const axis = (a, type) => ({ type, title: { display: !!(a && a.label), text: (a && a.label) || '' } });
  const common = { animation: false, responsive: false, devicePixelRatio: 1, plugins };
  if (kind === 'line' || kind === 'scatter') {
    return {
      type: kind,
      data: { datasets: s.map((d, i) => ({
        label: d.name, data: d.y.map((y, j) => ({ x: d.x ? d.x[j] : j, y })),
        borderColor: palette[i % 5], backgroundColor: palette[i % 5],
        borderWidth: 1.5, pointRadius: kind === 'line' ? 0 : 2,
      })) },
      options: { ...common, parsing: false, normalized: true,
        scales: { x: axis(spec.x, 'linear'), y: axis(spec.y, 'linear') } },
    };
  }
  if (kind === 'bar') {
    return {
      type: 'bar',
      data: { labels: s[0].x, datasets: s.map((d, i) => ({ label: d.name, data: d.y, backgroundColor: palette[i % 5] })) },
      options: { ...common, plugins: { ...plugins, legend: { display: true } },
        scales: { x: axis(spec.x, 'category'), y: axis(spec.y, 'linear') } },
    };
  }
  if (kind === 'histogram') {
    const v = s[0].values, bins = s[0].bins || 30;
    let lo = Infinity, hi = -Infinity;
    for (const x of v) { if (x < lo) lo = x; if (x > hi) hi = x; }
    const counts = new Array(bins).fill(0), w = (hi - lo) / bins;
    for (const x of v) counts[Math.min(bins - 1, Math.floor((x - lo) / w))]++;
    const labels = counts.map((_, i) => (lo + (i + 0.5) * w).toFixed(2));
    return {
      type: 'bar',
      data: { labels, datasets: [{ data: counts, backgroundColor: palette[0], barPercentage: 1, categoryPercentage: 1 }] },
      options: { ...common, scales: { x: axis(spec.x, 'category'), y: axis(spec.y, 'linear') } },
    };
  }
  if (kind === 'heatmap') {
    const z = s[0].z, rows = z.length, cols = z[0].length;
    let lo = Infinity, hi = -Infinity;
    for (const r of z) for (const x of r) { if (x < lo) lo = x; if (x > hi) hi = x; }
    const data = [];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data.push({ x: c, y: r, v: z[r][c] });
    return {
      type: 'matrix',
      data: { datasets: [{ data,
        backgroundColor: (ctx) => viridis((ctx.raw.v - lo) / (hi - lo || 1)),
        width: ({ chart }) => (chart.chartArea || {}).width / cols,
        height: ({ chart }) => (chart.chartArea || {}).height / rows }] },
      options: { ...common, scales: {
        x: { ...axis(spec.x, 'linear'), min: -0.5, max: cols - 0.5, offset: false },
        y: { ...axis(spec.y, 'linear'), min: -0.5, max: rows - 0.5, offset: false } } },
    };
  }
  throw new Error(`unsupported series type ${kind}`);
}

function draw(spec) {
  const canvas = createCanvas(spec.width || 800, spec.height || 600);
  const cfg = config(spec);
  cfg.plugins = [white];
  const chart = new Chart(canvas.getContext('2d'), cfg);
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

const [mode, path, a, b] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(path, 'utf8'));
if (mode === 'cold') {
  writeFileSync(a, draw(spec));
} else {
  const runs = Number(a), warmup = Number(b);
  for (let i = 0; i < warmup; i++) draw(spec);
  const t = [];
  let png;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    png = draw(spec);
    t.push(performance.now() - t0);
  }
  t.sort((x, y) => x - y);
  const n = t.length, median = n % 2 ? t[(n - 1) / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
  console.log(JSON.stringify({ median_ms: median, p90_ms: t[Math.min(n - 1, Math.floor(n * 0.9))],
    bytes: png.length, rss_kb: Math.round(process.resourceUsage().maxRSS) }));
}
