"""Terminal tables with Rich: one module per command's result (score, change, mirror, link) and
the list of issues shown on stderr. Data text is escaped with `mes.render.inert_text`; widths
follow the console each call builds."""
