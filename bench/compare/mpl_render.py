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
from matplotlib import dates as mdates
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure

V2_KINDS = ("box", "candlestick")


def draw(spec):
    w, h = spec.get("width", 800), spec.get("height", 600)
    # The object-oriented API without pyplot's global figure manager: matplotlib's own advice
    # for servers, and its fastest path. No tight_layout (it draws twice).
    fig = Figure(figsize=(w / 100, h / 100), dpi=100)
    ax = fig.subplots()
    series = spec["series"]
    kind = series[0]["type"]
    if "y2" in spec or "annotations" in spec or kind in V2_KINDS or "sizes" in series[0]:
        draw_v2(spec, fig, ax)
    elif kind == "line":
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


def draw_v2(spec, fig, ax):
    """V1-V4: dual axis with annotations, box, candlestick, bubble (the v2 benchmark charts)."""
    series = spec["series"]
    kind = series[0]["type"]
    if kind == "line":  # V1: lines on y and y2, annotations
        ax2 = ax.twinx() if "y2" in spec else None
        for i, s in enumerate(series):
            target = ax2 if s.get("axis") == "y2" else ax
            target.plot(s["x"], s["y"], label=s.get("name"), linewidth=1.5, color=f"C{i}")
        ax.xaxis_date()
        for a in spec.get("annotations", []):
            target = ax2 if a.get("axis") == "y2" else ax
            color = a.get("color", "#555555")
            if a["type"] == "band":
                target.axvspan(a["x"][0], a["x"][1], color=color, alpha=0.15, zorder=0, lw=0)
                if a.get("label"):
                    target.text((a["x"][0] + a["x"][1]) / 2, 0.98, a["label"], ha="center", va="top",
                                transform=target.get_xaxis_transform(), color=color)
            elif a["type"] == "line":
                target.axhline(a["y"], color=color, linestyle="--" if a.get("dash") else "-", lw=1)
                if a.get("label"):
                    target.text(0.99, a["y"], a["label"], ha="right", va="bottom", color=color,
                                transform=target.get_yaxis_transform())
            elif a["type"] == "point":
                target.plot([a["x"]], [a["y"]], "o", color=color)
                target.annotate(a["label"], (a["x"], a["y"]), xytext=(-50, -35), textcoords="offset points",
                                ha="right", arrowprops=dict(arrowstyle="-", color=color))
            elif a["type"] == "text":
                target.text(a["x"], a["y"], a["text"], ha={"start": "left", "end": "right"}.get(
                    a.get("anchor"), "center"))
        if ax2 is not None:
            ax2.set_ylabel(spec["y2"].get("label", ""))
            h1, l1 = ax.get_legend_handles_labels()
            h2, l2 = ax2.get_legend_handles_labels()
            ax.legend(h1 + h2, l1 + l2, loc="upper left")
    elif kind == "box":  # V2
        s = series[0]
        pos = np.arange(1, len(s["values"]) + 1)
        bp = ax.boxplot(s["values"], positions=pos, widths=0.5, patch_artist=True,
                        flierprops=dict(marker="o", markersize=2.5, alpha=0.5))
        for b in bp["boxes"]:
            b.set_facecolor((0.12, 0.47, 0.71, 0.35))
        ax.set_xticks(pos, s["x"])
    elif kind == "candlestick":  # V3: mplfinance's way, one LineCollection and one PolyCollection
        s = series[0]
        x, o, h, l, c = s["x"], s["open"], s["high"], s["low"], s["close"]
        up = c >= o
        colors = np.where(up[:, None], to_rgba_array("#009E73"), to_rgba_array("#D55E00"))
        half = 0.35 * np.min(np.diff(x)) if len(x) > 1 else 0.35
        wicks = np.stack([np.column_stack([x, l]), np.column_stack([x, h])], axis=1)
        lo, hi = np.minimum(o, c), np.maximum(o, c)
        bodies = np.stack([np.column_stack([x - half, lo]), np.column_stack([x - half, hi]),
                           np.column_stack([x + half, hi]), np.column_stack([x + half, lo])], axis=1)
        ax.add_collection(LineCollection(wicks, colors=colors, linewidths=0.8))
        ax.add_collection(PolyCollection(bodies, facecolors=colors, edgecolors=colors, linewidths=0.5))
        ax.autoscale_view()
        ax.xaxis_date()
    elif kind == "scatter":  # V4: bubbles (sizes are areas in px^2, matplotlib's s in pt^2)
        s = series[0]
        ax.scatter(s["x"], s["y"], s=s["sizes"] * (72 / 100) ** 2, c=s["colors"],
                   alpha=s.get("opacity", 1.0), linewidths=0, label=s.get("name"))
    if spec.get("x", {}).get("type") == "log":
        ax.set_xscale("log")


def to_num(values):
    """ISO dates to matplotlib date numbers (floats), numbers to floats."""
    if len(values) and isinstance(values[0], str):
        return mdates.date2num(np.asarray(values, dtype="datetime64[D]"))
    return np.asarray(values, dtype=float)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        spec = json.load(f)
    # Data as numpy arrays, as a matplotlib service would hold it (loading is not timed).
    for s in spec["series"]:
        for k in ("y", "values", "z"):
            if k in s:
                s[k] = np.asarray(s[k], dtype=float)
        for k in ("open", "high", "low", "close", "sizes"):
            if k in s:
                s[k] = np.asarray(s[k], dtype=float)
        if "colors" in s:
            s["colors"] = to_rgba_array(s["colors"])
        if "values" in s and s["type"] == "box":
            s["values"] = [np.asarray(v, dtype=float) for v in s["values"]]
        if "x" in s and s["type"] not in ("bar", "box"):
            s["x"] = to_num(s["x"])
    for a in spec.get("annotations", []):
        for k in ("x", "y"):
            if k in a:
                a[k] = to_num(a[k]) if isinstance(a[k], list) else to_num([a[k]])[0]
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
