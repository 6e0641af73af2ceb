"""examples/bubble.json in matplotlib: sizes are areas in px^2 (s is in pt^2), log x, and each
value written above its bubble (matplotlib places labels where told; nothing avoids overlaps)."""
import numpy as np

from common import figure, load, save

spec = load("bubble")
s = spec["series"][0]
x, y, sizes = (np.asarray(s[k], float) for k in ("x", "y", "sizes"))
fig = figure(spec)
ax = fig.subplots()
ax.scatter(x, y, s=sizes * (72 / 100) ** 2, c=s["colors"], alpha=s["opacity"], linewidths=0)
ax.set_xscale("log")
for xi, yi, si in zip(x, y, sizes):
    r = np.sqrt(si / np.pi)  # radius in px = points at 100 dpi * 0.72
    ax.annotate(f"{yi:.1f}", (xi, yi), xytext=(0, r * 0.72 + 2), textcoords="offset points",
                ha="center", va="bottom", fontsize=9)
ax.set_title(spec["title"])
ax.set_xlabel(spec["x"]["label"])
ax.set_ylabel(spec["y"]["label"])
save(fig, "mpl-bubble.png")
