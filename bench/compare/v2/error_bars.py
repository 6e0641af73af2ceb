"""examples/error-bars.json in matplotlib: grouped bars with symmetric and absolute-bound errors,
and a scatter with error bars under a dashed model line; legends at the bottom."""
import numpy as np

from common import figure, load, save

spec = load("error-bars")
fig = figure(spec, layout="constrained")
axes = fig.subplots(1, 2)
left, right = spec["panels"]
ax = axes[0]
cats = left["series"][0]["x"]
idx = np.arange(len(cats))
w = 0.8 / len(left["series"])
for i, s in enumerate(left["series"]):
    y = np.asarray(s["y"], float)
    if isinstance(s["error"], dict):
        err = [y - np.asarray(s["error"]["lower"]), np.asarray(s["error"]["upper"]) - y]
    else:
        err = s["error"]
    ax.bar(idx + (i - 0.5) * w, y, w, yerr=err, capsize=4, label=s["name"], color=f"C{i}")
ax.set_xticks(idx, cats)
ax = axes[1]
obs, model = right["series"]
ax.errorbar(obs["x"], obs["y"], yerr=obs["error"], fmt="o", markersize=obs["size"], capsize=4,
            label=obs["name"], color="C0")
ax.plot(model["x"], model["y"], "--", color=model["color"], label=model["name"])
for ax, p in zip(axes, spec["panels"]):
    ax.set_title(p["title"])
    ax.set_xlabel(p["x"]["label"])
    ax.set_ylabel(p["y"]["label"])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2, frameon=False)
fig.suptitle(spec["title"])
save(fig, "mpl-error-bars.png")
