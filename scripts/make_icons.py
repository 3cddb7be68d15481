#!/usr/bin/env python3
"""Draws the app icons (two linked rings, "hand in hand") as PNG, with no imaging library.

The art stays inside the central 80% circle, so the same drawing serves as a maskable icon.
Run once after changing the design; the PNGs are committed.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

RED = (183, 50, 44)
WHITE = (255, 255, 255)
SAMPLES = 3  # supersampling per axis, for smooth edges


def coverage(x: float, y: float) -> bool:
    """Whether point (x, y) in the unit square is white: on one of the two rings."""
    for cx in (0.40, 0.60):
        r = math.hypot(x - cx, y - 0.5)
        if 0.13 <= r <= 0.19:
            return True
    return False


def png(size: int) -> bytes:
    rows = bytearray()
    n = SAMPLES * SAMPLES
    for py in range(size):
        rows.append(0)  # filter: none
        for px in range(size):
            hits = sum(
                coverage((px + (i + 0.5) / SAMPLES) / size, (py + (j + 0.5) / SAMPLES) / size)
                for i in range(SAMPLES)
                for j in range(SAMPLES)
            )
            a = hits / n
            rows.extend(round(RED[k] * (1 - a) + WHITE[k] * a) for k in range(3))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))
    (out / "icon-maskable-512.png").write_bytes(png(512))


if __name__ == "__main__":
    main()
