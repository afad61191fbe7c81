"""The floor: read every cell of a survey file into Python and do nothing else.

- ``calamine``: python-calamine's whole first sheet as Python lists (``.xlsx``), or, for a
  ``.csv``, the analogous floor: the file decoded and split by ``csv.reader``.
- ``fastexcel``: calamine handing the first sheet over as Arrow columns (``.xlsx`` only): the
  reader ``mes`` is built on, shown to tell reading time from the rest of ``mes``'s work.

Prints the number of rows read, so the read cannot be optimised away.

    .venv/bin/python benchmarks/bare_read.py calamine benchmarks/data/survey-100k.xlsx
"""

from __future__ import annotations

import csv
import sys


def calamine_rows(path: str) -> int:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python())


def csv_rows(path: str) -> int:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        text = fh.read()
    return len(list(csv.reader(text.splitlines(), delimiter=";")))


def fastexcel_rows(path: str) -> int:
    import fastexcel

    return fastexcel.read_excel(path).load_sheet(0, header_row=None).height


def main() -> None:
    reader, path = sys.argv[1], sys.argv[2]
    if path.endswith(".csv"):
        if reader != "calamine":
            sys.exit(f"{reader} reads workbooks only")
        rows = csv_rows(path)
    else:
        rows = {"calamine": calamine_rows, "fastexcel": fastexcel_rows}[reader](path)
    print(rows)


if __name__ == "__main__":
    main()
