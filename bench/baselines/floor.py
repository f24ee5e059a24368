"""The floor: lxml parse + serialise + zip of a finished .docx, and nothing else.

    python bench/baselines/floor.py IN.docx OUT.docx

Reads every part of IN; every XML part (.xml, .rels) is parsed with lxml.etree.fromstring and
serialised with etree.tostring as python-docx serialises a part (UTF-8, standalone declaration);
the parts are written to OUT with the compression python-docx uses (ZIP_DEFLATED, default level).
Prints the seconds of that work alone (after the imports) as its last line.
"""

from __future__ import annotations

import sys
import time
import zipfile

from lxml import etree


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), encoding="UTF-8", standalone=True)
            zout.writestr(info.filename, data)
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
