"""Pastes chartfn's PNG (left) and matplotlib's (right) into one image with a caption strip.
  python sidebyside.py CHARTFN.png MPL.png OUT.png"""
import sys

from PIL import Image, ImageDraw

a, b = Image.open(sys.argv[1]).convert("RGB"), Image.open(sys.argv[2]).convert("RGB")
pad = 24
out = Image.new("RGB", (a.width + b.width + 10, max(a.height, b.height) + pad), "white")
out.paste(a, (0, pad))
out.paste(b, (a.width + 10, pad))
d = ImageDraw.Draw(out)
d.text((8, 6), "chartfn", fill="black")
d.text((a.width + 18, 6), "matplotlib", fill="black")
d.line([(a.width + 5, 0), (a.width + 5, out.height)], fill=(180, 180, 180))
out.save(sys.argv[3], optimize=True)
