"""Behaviour that must not depend on the Sphinx version."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import build

PAGE = "Index\n=====\n\n.. arch-component:: api\n   :depends-on: ap\n"


@pytest.mark.parametrize("show_warning_types", [True, False])
def test_archdoc_warnings_name_their_check_exactly_once(
    make_project: Any, show_warning_types: bool
) -> None:
    # Sphinx 7.4 does not show warning types by default, Sphinx 8 and 9 do:
    # either way a user sees the check's name once, and can suppress it.
    result = build(
        make_project({"index.rst": PAGE}),
        confoverrides={"show_warning_types": show_warning_types},
    )
    [line] = result.archdoc_warnings()
    assert line.endswith("(did you mean 'api'?) [archdoc.unknown_component]")
    assert line.count("[archdoc.") == 1


def test_suppress_warnings_silences_a_check_on_every_sphinx(make_project: Any) -> None:
    result = build(
        make_project({"index.rst": PAGE}),
        confoverrides={"suppress_warnings": ["archdoc.unknown_component"]},
    )
    assert result.warning_lines == []
