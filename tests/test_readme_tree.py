"""CONTRIBUTING.md's Development section describes the real tree: every path it names exists, and
every package of mes is named."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
INDENT = 2


def readme_tree() -> list[str]:
    """The paths of the tree block under "## Development", folders ending in ``/``.

    Each line is one entry: its indentation (two spaces a level) says where it belongs, its first
    word is its name, and the rest describes it.
    """
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## Development\n", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None, "no tree block in CONTRIBUTING.md's Development section"
    paths: list[str] = []
    parents: list[str] = []
    for line in block.group(1).splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        assert indent % INDENT == 0, f"odd indentation in CONTRIBUTING.md's tree: {line!r}"
        depth = indent // INDENT
        assert depth <= len(parents), f"CONTRIBUTING.md tree entry without its folder: {line!r}"
        del parents[depth:]
        name = line.split()[0]
        paths.append("".join(parents) + name)
        if name.endswith("/"):
            parents.append(name)
    return paths


def test_every_path_in_the_readme_tree_exists() -> None:
    paths = readme_tree()
    assert "mes/" in paths
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == [], f"CONTRIBUTING.md's tree names paths that do not exist: {missing}"
    wrong_kind = [p for p in paths if p.endswith("/") != (ROOT / p).is_dir()]
    assert wrong_kind == [], f"folders must end in / and files must not: {wrong_kind}"


def test_every_package_of_mes_is_in_the_readme_tree() -> None:
    named = set(readme_tree())
    packages = {
        init.parent.relative_to(ROOT).as_posix() + "/"
        for init in (ROOT / "mes").rglob("__init__.py")
    }
    assert sorted(packages - named) == [], (
        "packages missing from CONTRIBUTING.md's Development tree"
    )
