#!/usr/bin/env python3
"""Turns results.json into docs/benchmarks.md and a bar chart spec rendered by chartfn itself.

  report.py RESULTS.json DOCS_DIR
"""
import json
import pathlib
import sys

CHARTS = [f"R{i}" for i in range(1, 8)]
LABEL = {"R1": "line 1k", "R2": "5x10k lines", "R3": "scatter 10k", "R4": "bar 20x3",
         "R5": "hist 100k/50", "R6": "heatmap 100x100", "R7": "4000x3000 line 100k"}
PEERS = [("matplotlib", "matplotlib 3 (Agg)"), ("chartjs", "Chart.js 4 + @napi-rs/canvas")]



def processes(d):
    """How many processes per side a run took the median of, when more than one."""
    p = d.get("processes", 1)
    return (f" and, within each, process by process ({p} processes a side; each figure is the median of"
            f" the {p} processes' medians)") if p > 1 else ""

def variants_section(path):
    """The AVX2 vs portable table, from bench/variants.sh's results, when they exist."""
    if not path.exists():
        return ""
    v = json.loads(path.read_text())
    labels = list(v["variants"])
    head = "| chart | " + " | ".join(f"{l} ms" for l in labels) + " | " + \
        " | ".join(f"{l} ÷ {labels[0]}" for l in labels[1:]) + " |"
    lines = [head, "| --- " * (2 * len(labels)) + "|"]
    for c in CHARTS:
        cells = [v["variants"][l][c] for l in labels]
        ms = [f"{x['median_ms']:.2f} ({x['min_ms']:.2f}–{x['max_ms']:.2f})" for x in cells]
        ratios = [f"{x['median_ms'] / cells[0]['median_ms']:.2f}×" for x in cells[1:]]
        lines.append(f"| {c} {LABEL[c]} | " + " | ".join(ms + ratios) + " |")
    table = "\n".join(lines)
    if all("instructions" in v["variants"][l][c] for l in labels for c in CHARTS):
        lines = ["| chart | " + " | ".join(f"{l}, M instructions" for l in labels) + " |",
                 "| --- " * (len(labels) + 1) + "|"]
        for c in CHARTS:
            base = v["variants"][labels[0]][c]["instructions"]
            cells = [f"{v['variants'][l][c]['instructions'] / 1e6:.1f}" +
                     ("" if i == 0 else f" ({v['variants'][l][c]['instructions'] / base - 1:+.1%})")
                     for i, l in enumerate(labels)]
            lines.append(f"| {c} {LABEL[c]} | " + " | ".join(cells) + " |")
        table += ("\n\nInstructions for one parse + render + encode (valgrind's callgrind; they do not "
                  "depend on the machine's load, so small changes show where times are noisy):\n\n"
                  + "\n".join(lines))
    return f"""
## The deployment target: AVX2 and portable builds

`template.yaml` deploys arm64 by default (parameter `Architecture`), where the AVX2-compiled
strokes and blending never run: arm64 runs the portable build (4-wide SIMD lanes, NEON). The
portable column is chartfn built with `--no-default-features --features service` (no `avx2`
feature) on this x86_64 machine, the closest stand-in for that code path here; images are
identical in both. Medians of {v['rounds']} interleaved rounds of `chartfn bench --runs
{v['runs']}` (range of the round medians in brackets), measured {v['when']} (load average
{' '.join(v['load_avg_start'])} at the start, {' '.join(v['load_avg_end'])} at the end) by
`{v['command']}`.

{table}
"""


V2_CHARTS = [f"V{i}" for i in range(1, 5)]
V2_LABEL = {"V1": "annotated dual-axis line, 2×1,000", "V2": "box plot, 100,000 values in 20 groups",
            "V3": "candlestick, 5,000 candles", "V4": "bubble, 10,000 points, no data labels"}


def v2_section(path):
    """The v2 charts V1-V4 against matplotlib, from measure.py --v2's results, when they exist."""
    if not path.exists():
        return ""
    v = json.loads(path.read_text())
    w = v["warm"]
    lines = ["| chart | chartfn ms | matplotlib ms | matplotlib ÷ chartfn | chartfn PNG bytes | matplotlib PNG bytes |",
             "| --- | --- | --- | --- | --- | --- |"]
    misses = []
    for c in V2_CHARTS:
        cf, mp = w["chartfn"].get(c, {}), w["matplotlib"].get(c, {})
        if "median_ms" not in cf or "median_ms" not in mp:
            failed = [n for n, x in (("chartfn", cf), ("matplotlib", mp)) if "median_ms" not in x]
            cells = [f"{x['median_ms']:.2f}" if "median_ms" in x else "—" for x in (cf, mp)]
            byts = [f"{x['bytes']:,}" if "bytes" in x else "—" for x in (cf, mp)]
            lines.append(f"| {c} {V2_LABEL[c]} | {cells[0]} | {cells[1]} | — | {byts[0]} | {byts[1]} |")
            for n in failed:
                x = cf if n == "chartfn" else mp
                misses.append(f"{c}: {n} did not render it (`{x.get('error', 'not measured')}`)")
            continue
        ratio = mp["median_ms"] / cf["median_ms"]
        lines.append(f"| {c} {V2_LABEL[c]} | {cf['median_ms']:.2f} | {mp['median_ms']:.1f} | **{ratio:.1f}×** | "
                     f"{cf['bytes']:,} | {mp['bytes']:,} |")
        if ratio < 20:
            misses.append(f"{c}: chartfn is {ratio:.1f}× faster than matplotlib, short of 20×")
        if cf["bytes"] > mp["bytes"]:
            misses.append(f"{c}: chartfn's PNG is larger than matplotlib's ({cf['bytes']:,} vs {mp['bytes']:,} bytes)")
    verdict = ("Both targets hold on V1–V4 in this run: chartfn at least 20× faster than matplotlib, "
               "and its PNG no larger." if not misses else
               "Where the targets (≥ 20× faster, PNG no larger) are missed in this run: " + "; ".join(misses) + ".")
    table = "\n".join(lines)
    return f"""
## The v2 charts: V1–V4 against matplotlib

Four charts of the v2 language, generated deterministically by `benches/specs/make_v.py`
(seeded), 800×600: V1 two daily lines of 1,000 points, one on `y2`, with a band, a rule, a
callout point and a text annotation; V2 one box series of 20 groups × 5,000 samples; V3 5,000
daily candles; V4 10,000 bubbles with per-point `sizes` and `colors` at opacity 0.6 on a log x,
data labels off. matplotlib draws the same data the way its users do (`bench/compare/mpl_render.py`,
`draw_v2`: `twinx` with `axvspan`/`axhline`/`annotate`; `boxplot`; the candles as one
`LineCollection` and one `PolyCollection`, as mplfinance does; `scatter` with `s` and `c`).
Warm, in-process, median of {v['runs']} after 3 warm-ups, exactly as R1–R6 above; chartfn and
matplotlib alternate chart by chart. Measured {v['when']} (load average
{' '.join(v['load_avg_start'])} at the start, {' '.join(v['load_avg_end'])} at the end) by
`{v['command']}` (SCRATCH holds the venv of `run.sh`), with chartfn built `--release`.

{table}

{verdict}
{chr(10) + v["notes"] + chr(10) if v.get("notes") else ""}"""


def dialects_section(path):
    """The Chart.js-configs section, from bench/compare/dialects.py's JSON (if present)."""
    if not path.exists():
        return ""
    d = json.loads(path.read_text())
    rows = d["rows"]
    table = "\n".join(f"| `{r['config']}` | {r['chartfn_ms']:.2f} | {r['chartfn_translate_and_parse_ms']:.3f} | "
                      f"{r['chartjs_ms']:.1f} | **{r['ratio']}×** |" for r in rows)
    misses = [r["config"] for r in rows if r["ratio"] < 10]
    verdict = ("Every config is at least 10× faster than Chart.js in this run." if not misses else
               "Short of the 10× goal in this run: " + ", ".join(f"`{m}`" for m in misses) + ".")
    notes = ("\n" + d["notes"] + "\n") if d.get("notes") else ""
    return f"""
## Chart.js configs: chartfn against Chart.js 4

The same Chart.js configs (`tests/dialects/chartjs/`, as users send them to QuickChart) drawn by
Chart.js 4 on `@napi-rs/canvas` — what a QuickChart-style server runs: one chart per render on a
fresh 500×300 canvas at a device pixel ratio of 2, PNG encoded (`bench/compare/chartjs_config.mjs`)
— and by chartfn (`chartfn bench`: render and PNG encode of the translated spec, the same
1000×600 pixels). Warm, in process, {timing(d)}, the two alternating
config by config{processes(d)}; measured {d['when']} (load average {" ".join(d['load_avg_start'])} at the start)
by `{d['command']}`. Reading the config (a JavaScript literal or JSON) and translating it is
reported apart: it is the `parse_ms` of `chartfn bench`, which also checks the translated spec.

| config | chartfn ms | chartfn read + translate ms | Chart.js ms | Chart.js ÷ chartfn |
| --- | --- | --- | --- | --- |
{table}

{verdict}
{notes}"""


def formats_section(path):
    """R1 and R7 as PNG, WebP, JPEG and PDF, from bench/compare/formats.py's JSON (if present)."""
    if not path.exists():
        return ""
    d = json.loads(path.read_text())
    png = {r["chart"]: r for r in d["rows"] if r["format"] == "png"}
    lines = ["| chart | format | median ms | of which encoding ms | bytes | bytes ÷ PNG |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in d["rows"]:
        base = png[r["chart"]]
        lines.append(f"| {r['chart']} {LABEL[r['chart']]} | {r['format']} | {r['median_ms']:.2f} | "
                     f"{r['encode_ms']:.2f} | {r['bytes']:,} | {r['bytes'] / base['bytes']:.2f} |")
    table = "\n".join(lines)
    return f"""
## Output formats

R1 and R7 written as PNG, lossless WebP (image-webp), JPEG at quality 90 (jpeg-encoder, its
AVX2 code on) and PDF (the SVG through usvg and svg2pdf), render and encode in process, medians of {d['runs']} after 3 warm-ups; measured
{d['when']} (load average {" ".join(d['load_avg_start'])} at the start) by `{d['command']}`.

{table}

Lossless WebP holds the PNG's very pixels in 17-39 % fewer bytes, but its encoder is a simple
one: its encoding takes 4× PNG's on R1 and 13× on R7's 12 megapixels (PNG's runs on two threads,
over a 256-colour palette), 2-4× PNG's total time. JPEG suits photographs, not charts: flat
colours and sharp text cost it 2.3-3.3× PNG's bytes, at 4-7× PNG's total time. Neither encoder
can be stopped midway, so the cost estimate counts their extra time per pixel: a huge chart that
cannot be written in the time left is refused before drawing, and the budget is checked before
and after encoding. PDF costs what is drawn, not pixels: R1 (a 1,000-point line) takes 2.6× PNG's
time, R7 (100,000 points on 12 megapixels) 1.3×, and both are the smallest files — vector lines
and subset fonts, the page at the chart's logical size. Its "encoding" is parsing the SVG and
writing the PDF; the estimate counts it per point and per mark.
"""


def fonts_section(path):
    """Shaping and the compiled-in fonts against an older build, from bench/compare/fonts.py."""
    if not path.exists():
        return ""
    d = json.loads(path.read_text())
    b, r1, cold = d["binary_bytes"], d["r1_ms"], d["cold_ms"]
    mb = lambda n: n / 1e6
    pct = lambda new, old: (new / old - 1) * 100
    cjk = (f" With a font folder holding Debian's Noto Sans CJK (19 MB, mapped at start-up): "
           f"{cold['after_cjk_folder']:.1f} ms." if "after_cjk_folder" in cold else "")
    return f"""
## Fonts and shaping

The text pipeline with shaping (rustybuzz), per-glyph fallback and the compiled-in Noto Sans
Arabic, Hebrew, Devanagari and Thai (regular and bold, 1.1 MB), against the build before it
(commit {d.get('before', '?')}; after: {d.get('after', '?')}); measured {d['when']} (load average {" ".join(d['load_avg_start'])} at the start) by
`{d['command']}`. Warm R1: median of {d['rounds']} interleaved rounds of `chartfn bench --runs
{d['runs']}`.

| | before | after | change |
| --- | --- | --- | --- |
| release binary | {mb(b['before']):.2f} MB | {mb(b['after']):.2f} MB | +{mb(b['after'] - b['before']):.2f} MB |
| cold start to R1's PNG | {cold['before']:.1f} ms | {cold['after']:.1f} ms | {pct(cold['after'], cold['before']):+.0f} % |
| R1 warm | {r1['before']:.2f} ms | {r1['after']:.2f} ms | {pct(r1['after'], r1['before']):+.1f} % |
| R1 with its texts in Arabic, Devanagari and Hebrew | | {r1['after_scripts']:.2f} ms | {pct(r1['after_scripts'], r1['after']):+.0f} % over Latin R1 |

Text that needs no shaping (Latin, Greek, Cyrillic, CJK) keeps the one-glyph-per-character path,
so R1 is unchanged and cold start stays far under 20 ms.{cjk} Text in joining and Indic scripts
is shaped — each face's shaping plan compiled once per render, each line shaped once per render —
and costs about a quarter of a millisecond on R1's four labels, mostly shaping and rasterizing
glyphs no Latin chart needs.
"""


def peer_version(d):
    """The vl-convert version and the host a run names (runs before 2026-12-01 name neither)."""
    if "vl_convert_version" not in d:
        return ""
    return f" {d['vl_convert_version']} (on {d.get('cpu', 'an unnamed host')})"


def vegalite_section(path):
    """The Vega-Lite section, from bench/compare/vegalite.py's JSON (if present)."""
    if not path.exists():
        return ""
    d = json.loads(path.read_text())
    rows = d["rows"]
    table = "\n".join(f"| `{r['example']}` | {r['chartfn_ms']:.2f} | {r['chartfn_translate_and_parse_ms']:.3f} | "
                      f"{r['vl_convert_ms']:.1f} | **{r['ratio']}×** | {r['vl_convert_ms'] / r['chartfn_ms']:.0f}× |" for r in rows)
    misses = [r["example"] for r in rows if r["ratio"] < 50]
    verdict = ("In this run every example is at least 50× faster than vl-convert, translation included (see the notes for the runs before it and for the peer's fast state)." if not misses else
               f"Short of the 50× goal, warm and translation included, in this run: {len(misses)} of {len(rows)} examples.")
    cold = ""
    if all("cold_ratio" in r for r in rows):
        cold_rows = "\n".join(f"| `{r['example']}` | {r['chartfn_cold_ms']:.1f} | {r['vl_convert_cold_ms']:.0f} | **{r['cold_ratio']}×** |"
                               for r in rows)
        cold_misses = [r for r in rows if r["cold_ratio"] < 50]
        cold_verdict = ("Cold, every example is at least 50× faster than vl-convert." if not cold_misses else
                        f"Cold, short of 50×: {len(cold_misses)} of {len(rows)} examples.")
        cold = f"""
Cold, as a script or Altair's `chart.save("chart.png")` runs it — a fresh process per chart, the
spec file in and the PNG file out (`chartfn render FILE -o OUT` against a `python -c` that imports
vl_convert and converts once), medians of {d.get('cold_runs', 5)} after one discarded run:

| example | chartfn cold ms | vl-convert cold ms | vl-convert ÷ chartfn |
| --- | --- | --- | --- |
{cold_rows}

{cold_verdict}
"""
    notes = ("\n" + d["notes"] + "\n") if d.get("notes") else ""
    return f"""
## Vega-Lite: chartfn against vl-convert

Vega-Lite examples from `tests/dialects/vega-lite/` drawn by vl-convert{peer_version(d)} (`vegalite_to_png`,
Vega-Lite's own renderer, from PyPI) and by chartfn (`chartfn bench`: render and PNG encode of the
translated spec), both warm and in process, PNG at scale 1; {timing(d)}, alternating example by example{processes(d)}; measured {d['when']} (load average {" ".join(d['load_avg_start'])} at
the start) by `{d['command']}`. Reading the spec and translating it (with the data it carries) is
reported apart and counted in the ratio; the last column leaves it out.

| example | chartfn ms | chartfn read + translate ms | vl-convert ms | vl-convert ÷ chartfn (with translation) | without |
| --- | --- | --- | --- | --- | --- |
{table}

{verdict}
{cold}{notes}"""


def timing(d):
    """How a side's renders were warmed up and timed: by count, or by count and time."""
    if "window_s" in d:
        return (f"medians of at least {d['runs']} renders timed over at least {d['window_s']:g} s, after at least "
                f"{d['warmup']} and {d['warmup_s']:g} s of warming up")
    return f"medians of {d['runs']} after\n{d.get('warmup', '3 renders each')}"


def main():
    r = json.loads(pathlib.Path(sys.argv[1]).read_text())
    docs = pathlib.Path(sys.argv[2])
    w = r["warm"]
    lines = []
    lines.append("| chart | chartfn ms | matplotlib ms | Chart.js ms | matplotlib ÷ chartfn | Chart.js ÷ chartfn |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    misses = []
    for c in CHARTS:
        cf = w["chartfn"][c]["median_ms"]
        mp = w["matplotlib"][c]["median_ms"]
        cj = w["chartjs"][c]["median_ms"]
        lines.append(f"| {c} {LABEL[c]} | {cf:.2f} | {mp:.1f} | {cj:.1f} | **{mp / cf:.1f}×** | **{cj / cf:.1f}×** |")
        if c != "R7" and mp / cf < 20:
            misses.append(f"{c} is {mp / cf:.1f}× faster than matplotlib, short of 20×")
        if cj <= cf:
            misses.append(f"{c} is not faster than Chart.js")
    warm_table = "\n".join(lines)
    lines = ["| chart | chartfn | matplotlib | Chart.js |", "| --- | --- | --- | --- |"]
    for c in CHARTS:
        lines.append(f"| {c} | {w['chartfn'][c]['bytes']:,} | {w['matplotlib'][c]['bytes']:,} | {w['chartjs'][c]['bytes']:,} |")
    bytes_table = "\n".join(lines)
    lines = ["| renderer | cold start to first PNG, ms (median) | min–max ms | peak RSS, cold, MB | peak RSS over warm R1–R7 runs, MB |",
             "| --- | --- | --- | --- | --- |"]
    cold = r["cold"]
    for name, label in [("chartfn", "chartfn")] + PEERS:
        peak = max(w[name][c]["rss_kb"] for c in CHARTS) / 1024
        cc = cold[name]
        lines.append(f"| {label} | {cc['median_ms']:.1f} | {cc['min_ms']:.1f}–{cc['max_ms']:.1f} | "
                     f"{cc['peak_rss_kb'] / 1024:.1f} | {peak:.1f} |")
    cold_table = "\n".join(lines)
    ratio = lambda n: cold[n]["median_ms"] / cold["chartfn"]["median_ms"]
    verdict = ("Every target holds in this run: chartfn is at least 20× faster than matplotlib on "
               "R1–R6 and ahead of Chart.js on every chart." if not misses else
               "Where the targets are missed in this run: " + "; ".join(misses) + ".")
    variants = variants_section(docs / "benchmarks-variants.json")
    variants += v2_section(docs / "benchmarks-v2.json")
    variants += dialects_section(docs / "benchmarks-dialects.json")
    variants += vegalite_section(docs / "benchmarks-vegalite.json")
    variants += formats_section(docs / "benchmarks-formats.json")
    variants += fonts_section(docs / "benchmarks-fonts.json")
    md = f"""# Benchmarks: chartfn against matplotlib and Chart.js

Measured by `bench/compare/run.sh` on {r['when']} (load average {' '.join(r['load_avg_start'])} at
the start, {' '.join(r['load_avg_end'])} at the end), on this project's 2-core machine. Every
renderer draws the same data: the reference charts R1–R7 (`benches/specs/`, see its README),
at 800×600 except R7. Ratios are measured in the same run, so they hold
where absolute times drift.

![warm render time by renderer, log scale](benchmarks.png)

## Warm render, ms (median of {r['runs']}; R7 median of 5)

Render + PNG encode, in-process, data already loaded (chartfn: `chartfn bench`, validated chart →
PNG bytes; matplotlib: `Figure` → `savefig` to memory; Chart.js: `new Chart` → `toBuffer`).

{warm_table}

{verdict}

## PNG size, bytes

{bytes_table}

## Cold start and memory

A fresh process that loads R1, renders it and writes the PNG (median of 5 after one discarded):
chartfn starts {ratio('matplotlib'):.0f}× sooner than matplotlib and {ratio('chartjs'):.0f}× sooner
than Chart.js.

{cold_table}
{variants}
## Reproduce

```sh
bench/compare/run.sh            # installs matplotlib (pip) and Chart.js + @napi-rs/canvas (npm)
                                # into a scratch folder, builds chartfn --release, measures, and
                                # rewrites this page and benchmarks.png
bench/variants.sh               # the AVX2 and portable builds of chartfn, interleaved (below the
                                # cold-start table; docs/benchmarks-variants.json)
python3 benches/specs/make_v.py # V1-V4 (already committed; regenerates the same bytes)
python3 bench/compare/measure.py SCRATCH docs/benchmarks-v2.json --v2 --runs 30
python3 bench/compare/dialects.py SCRATCH docs/benchmarks-dialects.json --runs 30   # Chart.js configs
                                # (SCRATCH: npm i chart.js@4 @napi-rs/canvas chartjs-plugin-annotation@3 chartjs-plugin-datalabels@2)
python3 bench/compare/vegalite.py VENV/bin/python docs/benchmarks-vegalite.json --runs 15 --cold 5   # Vega-Lite
                                # (VENV: python3 -m venv VENV && VENV/bin/pip install vl-convert-python)
python3 bench/compare/formats.py docs/benchmarks-formats.json --runs 15   # R1, R7 as PNG, WebP, JPEG, PDF
python3 bench/compare/fonts.py docs/benchmarks-fonts.json --before OLD_RELEASE_CHARTFN --cjk-dir DIR --rounds 7 --runs 40   # shaping, fonts
python3 bench/compare/report.py docs/benchmarks.json docs   # V1-V4, Chart.js, Vega-Lite, format and font sections from their JSON
```

The renderers' code is in `bench/compare/` (`mpl_render.py`, `chartjs_render.mjs`); the raw
figures of this run are in `docs/benchmarks.json`. Reference figures from the peers' own
benchmark are in `bench/peer-results.md`.
"""
    (docs / "benchmarks.md").write_text(md)
    series = []
    for name, label in [("chartfn", "chartfn")] + PEERS:
        series.append({"type": "bar", "name": label, "x": [f"{c} {LABEL[c]}" for c in CHARTS],
                       "y": [round(w[name][c]["median_ms"], 3) for c in CHARTS]})
    spec = {"width": 900, "height": 500, "title": "Warm render + PNG encode, median ms (log scale; lower is better)",
            "x": {"label": "reference chart"}, "y": {"type": "log", "label": "ms"},
            "legend": {"position": "top-left"}, "series": series}
    (docs / "benchmarks-chart.json").write_text(json.dumps(spec, indent=1) + "\n")


if __name__ == "__main__":
    main()
