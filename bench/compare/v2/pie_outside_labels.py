"""examples/pie-outside-labels.json in matplotlib: labels outside with leader lines, the usual
annotate() recipe from the matplotlib gallery ("Labeling a pie and a donut")."""
import numpy as np

from common import figure, load, save

spec = load("pie-outside-labels")
s = spec["series"][0]
vals = np.asarray(s["values"], float)
share = vals / vals.sum()
fig = figure(spec)
ax = fig.subplots()
wedges, _ = ax.pie(vals, colors=s["colors"], startangle=90, counterclock=False)
for wdg, name, p in zip(wedges, s["labels"], share):
    ang = np.deg2rad((wdg.theta2 + wdg.theta1) / 2)
    x, y = np.cos(ang), np.sin(ang)
    text = f"{name} {p:.0%}" if p >= 0.1 else f"{name} {p:.1%}"
    ax.annotate(text, xy=(x, y), xytext=(1.35 * np.sign(x), 1.4 * y),
                ha="left" if x > 0 else "right", va="center",
                arrowprops=dict(arrowstyle="-", color="0.4",
                                connectionstyle=f"angle,angleA=0,angleB={np.rad2deg(ang)}"))
ax.set_title(spec["title"])
save(fig, "mpl-pie-outside-labels.png")
