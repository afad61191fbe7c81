"""The defaults of the options every command shares, in one light module (no pydantic, no polars).

`mes.settings`, the comparison and mirror options and the CLI's option declarations all take
their defaults from here, so a default is changed in one place; the CLI can name them without
loading the core, which keeps ``mes --help`` fast.
"""

#: Groups with fewer scored respondents are suppressed (``--min-group-size``, ``-k``).
DEFAULT_MIN_GROUP_SIZE = 5
#: Confidence level of intervals and tests (``--confidence``).
DEFAULT_CONFIDENCE = 0.95
#: Points a significant change or gap needs to count (``--min-change``).
DEFAULT_MIN_CHANGE = 5.0
