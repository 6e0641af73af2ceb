#!/usr/bin/env python3
"""Generates the v2 benchmark specs V1-V4 (deterministic: a seeded generator, no numpy needed).

  python3 benches/specs/make_v.py [OUT_DIR]   (default: this folder)

V1  annotated dual-axis line: 2 daily series x 1,000 points, one on y2, 4 annotations
V2  box plot: 100,000 values in 20 groups (5,000 each)
V3  candlestick: 5,000 daily candles
V4  bubble: 10,000 points with per-point sizes and colours, data labels off
All 800x600. The matplotlib side (bench/compare/mpl_render.py) reads the same files.
"""
import datetime
import math
import json
import pathlib
import random
import sys

DAY0 = datetime.date(2010, 1, 1)


def day(i):
    return (DAY0 + datetime.timedelta(days=i)).isoformat()


def r(v, nd=2):
    return round(v, nd)


def v1(rng):
    n = 1000
    x = [day(i) for i in range(n)]
    price, temp = [], []
    p = 100.0
    for i in range(n):
        p = max(5.0, p + rng.gauss(0.05, 1.2))
        price.append(r(p))
        temp.append(r(12 + 9 * math.sin(2 * 3.141592653589793 * (i - 100) / 365.25) + rng.gauss(0, 0.8), 1))
    peak = max(range(n), key=lambda i: price[i])
    return {
        "width": 800, "height": 600,
        "title": "V1 annotated dual-axis line: 2 series x 1,000 days",
        "x": {"label": "date"}, "y": {"label": "price (USD)"}, "y2": {"label": "temperature (°C)"},
        "legend": {"position": "top-left"},
        "series": [
            {"type": "line", "name": "price", "x": x, "y": price},
            {"type": "line", "name": "temperature", "axis": "y2", "x": x, "y": temp},
        ],
        "annotations": [
            {"type": "band", "x": [day(300), day(420)], "label": "campaign", "color": "#2ca02c"},
            {"type": "line", "y": 100, "label": "issue price", "dash": "dashed", "color": "#d62728"},
            {"type": "point", "x": x[peak], "y": price[peak], "label": "all-time high"},
            {"type": "text", "x": day(700), "y": 20, "text": "heat wave", "axis": "y2", "anchor": "middle"},
        ],
    }


def v2(rng):
    groups = [f"G{i + 1:02d}" for i in range(20)]
    values = []
    for g in range(20):
        mu, sd = 50 + 10 * ((g * 7) % 11) / 10, 5 + g % 5
        vals = []
        for _ in range(5000):
            v = rng.gauss(mu, sd)
            if rng.random() < 0.01:  # a heavy tail: some outliers
                v += rng.choice((-1, 1)) * rng.expovariate(1 / (3 * sd))
            vals.append(r(v))
        values.append(vals)
    return {
        "width": 800, "height": 600,
        "title": "V2 box plot: 100,000 values in 20 groups",
        "x": {"label": "group"}, "y": {"label": "value"},
        "series": [{"type": "box", "name": "samples", "x": groups, "values": values}],
    }


def v3(rng):
    n = 5000
    o, h, l, c = [], [], [], []
    p = 100.0
    for _ in range(n):
        op = p
        cl = max(1.0, op * (1 + rng.gauss(0.0002, 0.018)))
        hi = max(op, cl) * (1 + abs(rng.gauss(0, 0.008)))
        lo = min(op, cl) * (1 - abs(rng.gauss(0, 0.008)))
        o.append(r(op)); c.append(r(cl)); h.append(r(hi)); l.append(r(lo))
        p = cl
    # rounding can break low <= min(open, close) <= max(open, close) <= high by a cent: fix it
    for i in range(n):
        h[i] = max(h[i], o[i], c[i])
        l[i] = min(l[i], o[i], c[i])
    return {
        "width": 800, "height": 600,
        "title": "V3 candlestick: 5,000 daily candles",
        "x": {"label": "date"}, "y": {"label": "price (USD)"},
        "series": [{"type": "candlestick", "name": "XYZ", "x": [day(i) for i in range(n)],
                    "open": o, "high": h, "low": l, "close": c}],
    }


def v4(rng):
    n = 10000
    palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f"]
    x, y, s, col = [], [], [], []
    for _ in range(n):
        g = rng.randrange(5)
        xv = rng.lognormvariate(9 + 0.3 * g, 0.8)
        x.append(r(xv, 1))
        y.append(r(45 + 4 * g + 3.5 * math.log(xv / 1000) + rng.gauss(0, 3), 2))
        s.append(r(min(2000.0, rng.lognormvariate(3.5, 0.9)), 1))
        col.append(palette[g])
    return {
        "width": 800, "height": 600,
        "title": "V4 bubble: 10,000 points, sizes and colours, no data labels",
        "x": {"label": "income (USD, log)", "type": "log"}, "y": {"label": "score"},
        "series": [{"type": "scatter", "name": "people", "x": x, "y": y, "sizes": s,
                    "colors": col, "opacity": 0.6, "data_labels": False}],
    }


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
    for i, make in enumerate((v1, v2, v3, v4), 1):
        spec = make(random.Random(20261129 + i))
        (out / f"V{i}.json").write_text(json.dumps(spec, separators=(",", ":"), ensure_ascii=False))
        print(f"V{i}.json: {spec['title']}")


if __name__ == "__main__":
    main()
