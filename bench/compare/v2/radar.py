"""examples/radar.json in matplotlib: a polar axes, spokes clockwise from twelve o'clock."""
import numpy as np

from common import figure, load, save

spec = load("radar")
labels = spec["series"][0]["labels"]
ang = np.linspace(0, 2 * np.pi, len(labels), endpoint=False)
fig = figure(spec)
ax = fig.add_subplot(projection="polar")
ax.set_theta_offset(np.pi / 2)
ax.set_theta_direction(-1)
for i, s in enumerate(spec["series"]):
    v = np.r_[s["values"], s["values"][0]]
    a = np.r_[ang, ang[0]]
    ax.plot(a, v, color=f"C{i}", linewidth=1.75, label=s["name"])
    if s.get("fill", True):
        ax.fill(a, v, color=f"C{i}", alpha=s.get("opacity", 0.25))
ax.set_xticks(ang, labels)
ax.set_ylim(0, 10)
ax.legend(loc="center left", bbox_to_anchor=(1.08, 0.5))
ax.set_title(spec["title"])
save(fig, "mpl-radar.png")
