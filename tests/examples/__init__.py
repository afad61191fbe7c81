"""Example survey files for mes, built by code so that their provenance is visible.

`build` holds the registry (`CASES`: name -> builder) and writes every example into a folder:
``python -m tests.examples.build OUTDIR``. `org` is the one organisation every good file renders
and computes the expected figures from; `tools`, `text_files`, `workbooks` and `inert` write the
good files, `bad` the files with bad data and `refused` the files mes must refuse. `xlsx` and
`instruments` write workbooks and instrument files; `case` describes what each file must give.
"""
