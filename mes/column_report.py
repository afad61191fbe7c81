"""What mes reads each column of a file as, and why: the core of ``mes columns``.

Built from the same column mapping that scoring uses (`mes.columns.map_columns`), so what it
says is what ``mes score`` does. Only headers are reported, never a cell's value: a personal
column is named as personal, its content is not shown.
"""

from __future__ import annotations

from mes import __version__
from mes.columns import ColumnMap, map_columns
from mes.headers import (
    dimension_by_meaning,
    looks_like_person_id,
    mentions_dimension,
    near_miss,
)
from mes.instrument import Instrument, header_candidates
from mes.personal import Personal
from mes.results import ColumnInfo, ColumnsReport, NearMissInfo, ReadAs
from mes.table import RawTable

_DIMENSIONS: dict[str, ReadAs] = {
    "id": "id",
    "team": "team",
    "department": "department",
    "role": "role",
}


def read_columns(table: RawTable, instrument: Instrument) -> ColumnsReport:
    """Every column of ``table``: what scoring reads it as, why, and near misses."""
    mapping = map_columns(table, instrument)
    found_keys = set(mapping.items) | set(mapping.outcomes) | {f"@{d}" for d in mapping.dimensions}
    columns = [
        _column(table, instrument, mapping, index, found_keys)
        for index in range(len(table.headers))
    ]
    return ColumnsReport(
        mes_version=__version__,
        file=table.source,
        sheet=table.sheet,
        header_row=table.header_row,
        instrument=f"{instrument.name} v{instrument.version}",
        columns=columns,
        issues=mapping.issues,
    )


def _column(
    table: RawTable,
    instrument: Instrument,
    mapping: ColumnMap,
    index: int,
    found_keys: set[str],
) -> ColumnInfo:
    header = table.headers[index]
    base: dict[str, object] = {
        "index": index,
        "ref": table.column_refs[index] if table.column_refs else None,
        "header": header,
    }
    used = {i: key for key, i in mapping.items.items()}
    dims = {i: dim for dim, i in mapping.dimensions.items()}
    how = mapping.how.get(index)
    if index in used:
        return _item(instrument, used[index], how, header, base)
    outcomes = {i: key for key, i in mapping.outcomes.items()}
    if index in outcomes:  # an outcome question (issue 16): energy, eNPS, a scale question
        kind = how[1] if how else "key"
        return _info(
            base, read_as="outcome", key=outcomes[index], why=kind, detail=_detail(kind, header)
        )
    if index in dims:
        kind = how[1] if how else "key"
        return _info(
            base,
            read_as=_DIMENSIONS.get(dims[index], "unknown"),
            why=kind,
            detail=_detail(kind, header),
        )
    if index in mapping.personal_kinds:
        kind = mapping.personal_kinds[index]
        return _info(
            base,
            read_as="personal",
            why="header" if kind is Personal.HEADER else "content",
            detail=kind.value,
        )
    if how is not None:  # recognised, but another column is read for it
        key = how[0]
        why = "lower-rank-id" if key == "@id" else "duplicate"
        return _info(base, read_as="ignored", key=key.lstrip("@"), why=why)
    miss = near_miss(header, instrument.header_aliases)
    near = None
    if miss is None:
        near = _looks_like(header, mapping)
    else:
        read_as: ReadAs = (
            _DIMENSIONS.get(miss.key[1:], "unknown")
            if miss.key.startswith("@")
            else ("item" if miss.key in {i.key for i in instrument.items} else "outcome")
        )
        near = NearMissInfo(
            read_as=read_as,
            key=None if miss.key.startswith("@") else miss.key,
            name=miss.name,
            score=miss.score,
        )
    already = near is not None and near_key(near) in found_keys and near.score > 0
    detail = "already-found" if already else ""
    return _info(base, read_as="unknown", near_miss=near, detail=detail)


def _info(base: dict[str, object], **fields: object) -> ColumnInfo:
    return ColumnInfo.model_validate({**base, **fields})


def _looks_like(header: str, mapping: ColumnMap) -> NearMissInfo | None:
    """Weaker evidence, as in the warnings of `mes.columns`: a personnel number's header, or a
    header with a team or department word in it (score 0: no name was close)."""
    if looks_like_person_id(header):
        return NearMissInfo(read_as="id", key=None, name="personeelsnummer", score=0.0)
    for dim in ("team", "department"):
        if dim not in mapping.dimensions and mentions_dimension(header, dim):
            return NearMissInfo(read_as=_DIMENSIONS[dim], key=None, name=dim, score=0.0)
    return None


def near_key(near: NearMissInfo) -> str:
    """The alias key a near miss points at (``room``, ``@team``)."""
    return near.key if near.key is not None else f"@{near.read_as}"


def _item(
    instrument: Instrument,
    key: str,
    how: tuple[str, str] | None,
    header: str,
    base: dict[str, object],
) -> ColumnInfo:
    for t, trait in enumerate(instrument.traits, start=1):
        for i, item in enumerate(trait.items, start=1):
            if item.key == key:
                kind = how[1] if how else "key"
                return ColumnInfo.model_validate(
                    {
                        **base,
                        "read_as": "item",
                        "key": key,
                        "trait": trait.key,
                        "trait_number": t,
                        "item_number": i,
                        "why": kind,
                        "detail": _detail(kind, header),
                    }
                )
    # A key the instrument's items do not have: an outcome question (issue 16), read generically.
    kind = how[1] if how else "key"
    return ColumnInfo.model_validate(
        {**base, "read_as": "outcome", "key": key, "why": kind, "detail": _detail(kind, header)}
    )


def _detail(kind: str, header: str) -> str:
    """The words that decided: the group word for a meaning, the matched form otherwise."""
    if kind == "meaning":
        meaning = dimension_by_meaning(header)
        return meaning.word if meaning is not None else ""
    forms = header_candidates(header)
    return forms[-1] if forms else ""
