"""matplotlib (Agg) renders a chartfn spec, the way a typical server does it.

  python mpl_render.py warm SPEC RUNS WARMUP   -> one JSON line: median_ms, p90_ms, bytes, rss_kb
  python mpl_render.py cold SPEC OUT.png       -> import, render, write (timed from outside)

Render time is figure creation + drawing + PNG encoding to bytes, with the data already loaded.
"""
import io
import json
import resource
import sys
import time

import numpy as np
from matplotlib.figure import Figure


def draw(spec):
    w, h = spec.get("width", 800), spec.get("height", 600)
    # The object-oriented API without pyplot's global figure manager: matplotlib's own advice
    # for servers, and its fastest path. No tight_layout (it draws twice).
    fig = Figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.subplots()
    series = spec["series"]
    kind = series[0]["type"]
    if kind == "line":
        for s in series:
            ax.plot(s["x"] if "x" in s else np.arange(len(s["y"])), s["y"], label=s.get("name"),
                    linewidth=1.5)
        if len(series) > 1:
            ax.legend()
    elif kind == "scatter":
        for s in series:
            ax.scatter(s["x"], s["y"], s=9, label=s.get("name"))
    elif kind == "bar":
        cats = series[0]["x"]
        idx = np.arange(len(cats))
        width = 0.8 / len(series)
        for i, s in enumerate(series):
            ax.bar(idx + (i - (len(series) - 1) / 2) * width, s["y"], width, label=s.get("name"))
        ax.set_xticks(idx, cats)
        ax.legend()
    elif kind == "histogram":
        ax.hist(series[0]["values"], bins=series[0].get("bins", 30))
    elif kind == "heatmap":
        im = ax.imshow(np.array(series[0]["z"], dtype=float), cmap="viridis", aspect="auto",
                       origin="lower")
        fig.colorbar(im, ax=ax)
    ax.set_title(spec.get("title", ""))
    ax.set_xlabel(spec.get("x", {}).get("label", ""))
    ax.set_ylabel(spec.get("y", {}).get("label", ""))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        spec = json.load(f)
    # Data as numpy arrays, as a matplotlib service would hold it (loading is not timed).
    for s in spec["series"]:
        for k in ("y", "values", "z"):
            if k in s:
                s[k] = np.asarray(s[k], dtype=float)
        if "x" in s and s["type"] != "bar":
            s["x"] = np.asarray(s["x"], dtype=float)
    if mode == "cold":
        with open(sys.argv[3], "wb") as f:
            f.write(draw(spec))
        return
    runs, warmup = int(sys.argv[3]), int(sys.argv[4])
    for _ in range(warmup):
        draw(spec)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        png = draw(spec)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(json.dumps({
        "median_ms": times[len(times) // 2] if len(times) % 2 else
        (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2,
        "p90_ms": times[min(len(times) - 1, int(len(times) * 0.9))],
        "bytes": len(png),
        "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


if __name__ == "__main__":
    main()
