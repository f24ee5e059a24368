"""Draw the example's one image: LinkedIn followers at the last two meetings (seed 003:
"rundt 535 følgere, opp rundt 100 stk. fra forrige møte"). Plain PNG, no libraries.

    python examples/kilde/lag_bilde.py
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

WIDTH, HEIGHT = 480, 240
BARS = ((435, (0x7A, 0x8C, 0xB0)), (535, (0x1F, 0x2A, 0x44)))  # møte 3/2025, møte 1/2026


def pixels() -> list[bytes]:
    rows = []
    for y in range(HEIGHT):
        row = bytearray()
        for x in range(WIDTH):
            colour = (0xFF, 0xFF, 0xFF)
            if y == HEIGHT - 20 and 40 <= x < WIDTH - 40:
                colour = (0x44, 0x4B, 0x5A)  # the axis
            for i, (value, fill) in enumerate(BARS):
                left = 110 + i * 160
                top = HEIGHT - 20 - int(value * 0.35)
                if left <= x < left + 100 and top <= y < HEIGHT - 20:
                    colour = fill
            row += bytes(colour)
        rows.append(b"\x00" + bytes(row))
    return rows


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(pixels()), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "2026-1" / "linkedin-folgere.png"
    out.write_bytes(png())
    print(out)
