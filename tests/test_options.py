"""Option converters (pure)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.options import OptionError, convert, parse_date, split_list

CONFIG = ArchConfig()
COMPONENT = KINDS["component"]


def test_enum_is_case_insensitive_and_stored_lower_case():
    assert convert(COMPONENT.field("layer"), " Application ", CONFIG) == "application"


def test_enum_rejects_unknown_value_listing_the_allowed_ones():
    with pytest.raises(OptionError, match="expected one of: presentation, application"):
        convert(COMPONENT.field("layer"), "middleware", CONFIG)


def test_id_lists_are_split_and_checked():
    assert convert(COMPONENT.field("depends-on"), "a, b ,c", CONFIG) == ("a", "b", "c")
    with pytest.raises(OptionError, match="'has space' is not a valid ID"):
        convert(COMPONENT.field("depends-on"), "a, has space", CONFIG)


def test_external_ids_are_accepted_in_references():
    assert convert(COMPONENT.field("depends-on"), "payments:api", CONFIG) == ("payments:api",)


def test_dates_must_be_real_iso_dates():
    assert parse_date("2026-02-28") == "2026-02-28"
    with pytest.raises(OptionError, match="not an ISO date"):
        parse_date("28.02.2026")
    with pytest.raises(OptionError, match="not a valid date"):
        parse_date("2026-02-30")


def test_empty_value_is_an_error():
    with pytest.raises(OptionError, match="empty"):
        convert(COMPONENT.field("purpose"), "   ", CONFIG)


def test_text_is_folded_to_one_line():
    assert convert(COMPONENT.field("purpose"), "two\n  lines", CONFIG) == "two lines"


@given(st.text())
def test_split_list_never_returns_empty_entries(text):
    assert all(part and part == part.strip() for part in split_list(text))


@given(st.sampled_from(COMPONENT.fields), st.text(max_size=200))
def test_convert_raises_only_option_errors(spec, text):
    with contextlib.suppress(OptionError):
        convert(spec, text, CONFIG)
