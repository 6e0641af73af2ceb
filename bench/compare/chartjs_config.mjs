// Reference renderer for bench/compare/dialects.py: Chart.js configs (JS object literals from
// the trusted corpus tests/dialects/chartjs, read with eval here only) with Chart.js 4 and
// @napi-rs/canvas, as QuickChart would: 500x300 at device pixel ratio 2.
//   node chartjs_config.mjs OUTDIR FILE...            -> OUTDIR/<name>.png
//   node chartjs_config.mjs --time RUNS FILE...       -> one JSON line per file: median ms per render
//                                                      (after at least $WARMUP renders, default 3, and
//                                                      $WARMUP_MS ms; at least RUNS timed over $WINDOW_MS ms)
import { createCanvas } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import ChartDataLabels from 'chartjs-plugin-datalabels';
import fs from 'node:fs';
import path from 'node:path';
Chart.register(...registerables, annotationPlugin);

function load(file) {
  const text = fs.readFileSync(file, 'utf8');
  let v = (0, eval)('(' + text + ')');
  let w = 500, h = 300, dpr = 2;
  if (v.chart) {
    w = v.width || w; h = v.height || h; dpr = v.devicePixelRatio || dpr;
    v = typeof v.chart === 'string' ? (0, eval)('(' + v.chart + ')') : v.chart;
  }
  return { config: v, w, h, dpr };
}

// A white background under the chart, as QuickChart's `backgroundColor: white`.
const background = {
  id: 'background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save(); ctx.fillStyle = 'white'; ctx.fillRect(0, 0, width, height); ctx.restore();
  },
};

function render({ config, w, h, dpr }) {
  // A canvas of the CSS size; Chart.js scales it by devicePixelRatio (to 1000x600 here, the
  // same pixels chartfn draws).
  const canvas = createCanvas(w, h);
  const cfg = structuredClone(config);
  cfg.options = cfg.options || {};
  Object.assign(cfg.options, { responsive: false, animation: false, devicePixelRatio: dpr });
  const plugins = [background];
  if (cfg.options.plugins && cfg.options.plugins.datalabels) plugins.push(ChartDataLabels);
  cfg.plugins = plugins;
  const chart = new Chart(canvas.getContext('2d'), cfg);
  const png = canvas.toBuffer('image/png');
  chart.destroy();
  return png;
}

const args = process.argv.slice(2);
if (args[0] === '--time') {
  const runs = Number(args[1]);
  for (const f of args.slice(2)) {
    const c = load(f);
    // The plan of `chartfn bench --warmup W --warmup-ms .. --window-ms ..` (see vegalite.py).
    const [warmup, warmupMs, windowMs] = ['WARMUP', 'WARMUP_MS', 'WINDOW_MS'].map((k) => Number(process.env[k] || 0));
    const ms = (since) => Number(process.hrtime.bigint() - since) / 1e6;
    const start = process.hrtime.bigint();
    for (let i = 0; i < (process.env.WARMUP ? warmup : 3) || ms(start) < warmupMs; i++) render(c);
    const t = [];
    const from = process.hrtime.bigint();
    while (t.length < runs || ms(from) < windowMs) { const t0 = process.hrtime.bigint(); render(c); t.push(ms(t0)); }
    t.sort((a, b) => a - b);
    console.log(JSON.stringify({ spec: path.basename(f), median_ms: t[Math.floor(t.length / 2)], runs: t.length }));
  }
} else {
  const out = args[0];
  for (const f of args.slice(1)) {
    try { fs.writeFileSync(path.join(out, path.basename(f).replace(/\.(js|json)$/, '.png')), render(load(f))); }
    catch (e) { console.error(path.basename(f), String(e).slice(0, 200)); }
  }
}
