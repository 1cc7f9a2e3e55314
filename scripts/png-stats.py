#!/usr/bin/env python3
"""png-stats.py FILE.png: prints `WIDTH HEIGHT COLOURS INKED` for an 8-bit PNG, where COLOURS
is the number of distinct pixel values and INKED the share of pixels that are not the most
common one (the background). A blank page has one colour and nothing inked. Decodes with
zlib and the PNG filters only, so it needs nothing beyond Python."""

import struct
import sys
import zlib
from collections import Counter


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"png-stats: {path}: not a PNG")
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"png-stats: {path}: only 8-bit, non-interlaced grey/RGB(A) PNGs are read")
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    rows = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                a, b, c = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                line[x] = (line[x] + (left if a <= b and a <= c else up if b <= c else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [row[x:x + channels] for row in rows for x in range(0, stride, channels)]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: png-stats.py FILE.png")
    width, height, values = pixels(sys.argv[1])
    counts = Counter(values)
    background = counts.most_common(1)[0][1]
    print(width, height, len(counts), f"{1 - background / len(values):.4f}")


main()
