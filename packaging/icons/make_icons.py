"""Render ``leftbehind-desktop.svg`` to the PNG sizes and the multi-size Windows ``.ico``.

    .venv/bin/python packaging/icons/make_icons.py

Uses Qt's own SVG renderer (QtSvg from PySide6-Essentials, build time only; the app does not
bundle QtSvg). The outputs are committed so a build needs no extra step.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE / "leftbehind-desktop.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"invalid SVG: {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def write_ico(path: Path, sizes: tuple[int, ...]) -> None:
    """An ICO whose entries are PNG-compressed images (read by Windows Vista and later)."""
    blobs = [png_bytes(render(s)) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    for size, blob in zip(sizes, blobs, strict=True):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    path.write_bytes(header + entries + b"".join(blobs))


def main() -> int:
    QGuiApplication(sys.argv[:1])
    for size in PNG_SIZES:
        out = HERE / f"leftbehind-desktop-{size}.png"
        if not render(size).save(str(out)):
            raise SystemExit(f"cannot write {out}")
        print(out)
    ico = HERE / "leftbehind-desktop.ico"
    write_ico(ico, ICO_SIZES)
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
