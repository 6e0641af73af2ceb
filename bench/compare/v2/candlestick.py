"""examples/candlestick.json in matplotlib (no mplfinance): wicks with vlines, bodies with bar."""
import numpy as np
from matplotlib import dates as mdates

from common import figure, load, save

spec = load("candlestick")
s = spec["series"][0]
x = mdates.date2num(np.asarray(s["x"], dtype="datetime64[D]"))
o, h, l, c = (np.asarray(s[k]) for k in ("open", "high", "low", "close"))
colors = np.where(c >= o, "#009E73", "#D55E00")
fig = figure(spec)
ax = fig.subplots()
ax.vlines(x, l, h, colors=colors, linewidth=1)
ax.bar(x, np.abs(c - o), bottom=np.minimum(o, c), width=0.7, color=colors, label=s["name"])
ax.xaxis_date()
ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
ax.legend()
ax.set_title(spec["title"])
ax.set_xlabel(spec["x"]["label"])
ax.set_ylabel(spec["y"]["label"])
save(fig, "mpl-candlestick.png")
