"""The JSON Schemas of mes's JSON outputs, generated from the result models.

The generated files are committed under ``mes/schema/`` so that any change to the output shape
shows up in review; a test checks they are current. Regenerate with ``python -m mes.schemas``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from mes.mirror_results import LinkReport, MirrorReport
from mes.results import (
    ColumnsReport,
    DiffReport,
    DriversReport,
    ScoreReport,
    TrendReport,
    ValidationReport,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "score": ScoreReport,
    "validate": ValidationReport,
    "diff": DiffReport,
    "trend": TrendReport,
    "mirror": MirrorReport,
    "link": LinkReport,
    "columns": ColumnsReport,
    "drivers": DriversReport,
}
SCHEMA_DIR = Path(__file__).parent / "schema"


def schema_text(kind: str) -> str:
    """The JSON Schema of output ``kind`` as text, with a final newline."""
    schema = SCHEMAS[kind].model_json_schema(mode="serialization")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_all() -> None:
    for kind in SCHEMAS:
        (SCHEMA_DIR / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")


if __name__ == "__main__":
    write_all()
