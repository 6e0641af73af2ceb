"""examples/box.json in matplotlib: two grouped box series per carrier."""
import numpy as np

from common import figure, load, save

spec = load("box")
fig = figure(spec)
ax = fig.subplots()
cats = spec["series"][0]["x"]
n = len(spec["series"])
width = 0.8 / n
handles = []
for i, s in enumerate(spec["series"]):
    pos = np.arange(len(cats)) + (i - (n - 1) / 2) * width
    color = f"C{i}"
    bp = ax.boxplot(s["values"], positions=pos, widths=width * 0.8, patch_artist=True,
                    boxprops=dict(facecolor=color, alpha=0.35, edgecolor=color),
                    medianprops=dict(color=color), whiskerprops=dict(color=color),
                    capprops=dict(color=color), flierprops=dict(markeredgecolor=color))
    handles.append((bp["boxes"][0], s["name"]))
ax.set_xticks(np.arange(len(cats)), cats)
ax.legend([h for h, _ in handles], [l for _, l in handles])
ax.set_title(spec["title"])
ax.set_xlabel(spec["x"]["label"])
ax.set_ylabel(spec["y"]["label"])
save(fig, "mpl-box.png")
