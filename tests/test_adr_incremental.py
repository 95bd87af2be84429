"""Discovered ADRs in parallel and incremental builds: same result as a clean build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import build, table_rows


def _touch_write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _snapshot(result):
    return (
        result.json()["items"],
        result.json()["findings"],
        table_rows(result.html(), "archdoc-adr-index"),
        sorted(result.archdoc_warnings()),
    )


def _clean_copy(src: Path, target: Path):
    shutil.copytree(src, target, ignore=shutil.ignore_patterns("_build"))
    return build(target)


@pytest.mark.slow
@pytest.mark.parametrize("root", ["adr-messy", "adr-rst"])
def test_parallel_build_equals_serial_build(copy_root, tmp_path, root):
    serial = build(copy_root(root))
    parallel_src = tmp_path / "parallel"
    shutil.copytree(serial.srcdir, parallel_src, ignore=shutil.ignore_patterns("_build"))
    parallel = build(parallel_src, parallel=2)
    assert parallel.json() == serial.json()
    assert sorted(parallel.archdoc_warnings()) == sorted(
        line.replace(str(serial.srcdir), str(parallel_src)) for line in serial.archdoc_warnings()
    )


@pytest.mark.slow
def test_changing_an_adr_status_updates_index_links_and_checks(copy_root, tmp_path):
    src = copy_root("adr-nygard")
    build(src)
    record = src / "adr" / "0003-use-cockroachdb.md"
    _touch_write(record, record.read_text(encoding="utf-8").replace("Accepted", "Rejected"))
    incremental = build(src)
    rows = table_rows(incremental.html(), "archdoc-adr-index")
    assert rows[2][:3] == ["ADR-003", "Use CockroachDB", "rejected (multi-region pending)"]
    link = incremental.html().select("p.archdoc-adr-link")[0].get_text(" ", strip=True)
    assert link == "Decides: ADR-003: Use CockroachDB (rejected)"
    assert "which is rejected [archdoc.adr_supersession]" in incremental.warnings
    clean = _clean_copy(src, tmp_path / "clean")
    assert _snapshot(clean)[:3] == _snapshot(incremental)[:3]


@pytest.mark.slow
def test_a_new_adr_file_joins_the_index_and_the_toctree(copy_root, tmp_path):
    src = copy_root("adr-nygard")
    build(src)
    _touch_write(
        src / "adr" / "0004-use-opentelemetry.md",
        "# 4. Use OpenTelemetry\n\nDate: 2024-05-01\n\n## Status\n\nProposed\n",
    )
    incremental = build(src)
    assert "0004-use-opentelemetry" not in incremental.warnings  # it is in the toctree
    rows = table_rows(incremental.html(), "archdoc-adr-index")
    assert rows[-1][:4] == ["ADR-004", "Use OpenTelemetry", "proposed", "2024-05-01"]
    assert incremental.app.env.toctree_includes["index"][-1] == "adr/0004-use-opentelemetry"
    clean = _clean_copy(src, tmp_path / "clean")
    assert _snapshot(clean)[:3] == _snapshot(incremental)[:3]


@pytest.mark.slow
def test_removing_an_adr_file_makes_links_to_it_unknown(copy_root, tmp_path):
    src = copy_root("adr-nygard")
    build(src)
    (src / "adr" / "0003-use-cockroachdb.md").unlink()
    incremental = build(src)
    assert [row[0] for row in table_rows(incremental.html(), "archdoc-adr-index")] == [
        "ADR-001",
        "ADR-002",
    ]
    assert any("adr-link names unknown ADR 'ADR-0003'" in w for w in incremental.archdoc_warnings())
    clean = _clean_copy(src, tmp_path / "clean")
    assert _snapshot(clean)[:3] == _snapshot(incremental)[:3]
