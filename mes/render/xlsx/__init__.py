"""Excel workbooks with openpyxl, the only place mes imports it: `kit` (cells, tables, safe text,
column widths) and one module per workbook (score, diff, mirror) or sheet (summary, traits,
method)."""
