"""Configuration: every archdoc_* value is validated with a message naming it."""

from __future__ import annotations

import pytest

from sphinx_archdoc.core.config import ArchConfig, ConfigValueError, default_bands, validate


def test_defaults_are_valid():
    validate({})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"archdoc_layers": "data"}, "archdoc_layers: expected list or tuple"),
        ({"archdoc_layers": []}, "archdoc_layers: needs at least 1 entries"),
        ({"archdoc_layers": ["data", "Data"]}, "archdoc_layers: entries must be unique"),
        ({"archdoc_risk_levels": ["only"]}, "archdoc_risk_levels: needs at least 2 entries"),
        ({"archdoc_risk_bands": {"low": 2}}, "the lowest band must start at score 1"),
        (
            {"archdoc_risk_bands": {"low": 1, "high": 6, "medium": 3}},
            "minimum scores must be strictly increasing",
        ),
        ({"archdoc_risk_bands": {"low": 1, "high": 12}}, "can never be reached"),
        ({"archdoc_checks": {"no_such_check": "off"}}, "unknown check 'no_such_check'"),
        (
            {"archdoc_checks": {"duplicate_id": "loud"}},
            "severity must be one of warning, info, off",
        ),
        ({"archdoc_extra_fields": {"widget": ["x"]}}, "unknown kind 'widget'"),
        ({"archdoc_extra_fields": {"component": ["Bad Name"]}}, "must be lower case"),
        ({"archdoc_extra_fields": {"component": ["layer"]}}, "already a built-in field"),
        ({"archdoc_adr_id_format": "ADR-{num}"}, "archdoc_adr_id_format"),
        ({"archdoc_adr_status_aliases": {"ok": "fine"}}, "not in archdoc_adr_statuses"),
        ({"archdoc_json_export": "yes"}, "archdoc_json_export: expected bool"),
        ({"archdoc_search_summaries": 1}, "archdoc_search_summaries: expected bool"),
        ({"archdoc_hidden_tags": "context"}, "archdoc_hidden_tags: expected list or tuple"),
        ({"archdoc_hidden_tags": ["a", "A"]}, "archdoc_hidden_tags: entries must be unique"),
        ({"archdoc_external": {"bad name": "x"}}, "project name 'bad name'"),
        ({"archdoc_external": ["x"]}, "archdoc_external: expected dict"),
        ({"archdoc_external": {"pay": "javascript:alert(1)"}}, "not an http(s) URL or a path"),
        ({"archdoc_external": {"pay": ("docs/", "data:,{}")}}, "scheme 'data'"),
        ({"archdoc_external": {"pay": ("", None)}}, "expected a base URL or path"),
        ({"archdoc_external_timeout": 0}, "archdoc_external_timeout: must be greater than 0"),
        ({"archdoc_external_cache_limit": "1"}, "archdoc_external_cache_limit: expected int"),
        ({"archdoc_adr_paths": "adr/*"}, "archdoc_adr_paths: expected list or tuple"),
        ({"archdoc_adr_paths": [3]}, "archdoc_adr_paths: expected a list of strings"),
        ({"archdoc_adr_statuses": []}, "archdoc_adr_statuses: needs at least 1 entries"),
        ({"archdoc_adr_status_aliases": ["x"]}, "archdoc_adr_status_aliases: expected dict"),
        ({"archdoc_adr_id_format": 3}, "archdoc_adr_id_format: expected str"),
        (
            {"archdoc_component_statuses": ["Active", "active"]},
            "archdoc_component_statuses: entries must be unique",
        ),
        ({"archdoc_risk_categories": [""]}, "archdoc_risk_categories: entries must not be empty"),
        ({"archdoc_risk_statuses": [1, 2]}, "archdoc_risk_statuses: expected a list of strings"),
        (
            {"archdoc_debt_statuses": ["open", "Open"]},
            "archdoc_debt_statuses: entries must be unique",
        ),
        ({"archdoc_risk_levels": ["low", "LOW"]}, "archdoc_risk_levels: entries must be unique"),
        ({"archdoc_risk_bands": ["low"]}, "archdoc_risk_bands: expected dict"),
        ({"archdoc_risk_bands": {"low": "1"}}, "the minimum score must be an integer >= 1"),
        ({"archdoc_checks": ["duplicate_id"]}, "archdoc_checks: expected dict"),
        ({"archdoc_extra_fields": ["cost"]}, "archdoc_extra_fields: expected dict"),
        (
            {"archdoc_extra_fields": {"component": "cost"}},
            "archdoc_extra_fields['component']: expected a list of strings",
        ),
        ({"archdoc_layers": [None]}, "archdoc_layers: expected a list of strings"),
        ({"archdoc_component_types": []}, "archdoc_component_types: needs at least 1 entries"),
        ({"archdoc_environments": []}, "archdoc_environments: needs at least 1 entries"),
        (
            {"archdoc_layer_titles": {"core": 4}},
            "archdoc_layer_titles: expected a dict of strings to strings",
        ),
        (
            {"archdoc_constraint_categories": "legal"},
            "archdoc_constraint_categories: expected list or tuple",
        ),
        (
            {"archdoc_spike_statuses": ["done", "Done"]},
            "archdoc_spike_statuses: entries must be unique",
        ),
        (
            {"archdoc_quality_characteristics": ["speed", "Speed"]},
            "archdoc_quality_characteristics: entries must be unique",
        ),
    ],
)
def test_wrong_values_name_the_option(values, message):
    with pytest.raises(ConfigValueError, match=None) as excinfo:
        validate(values)
    assert message in str(excinfo.value)


def test_default_bands_for_three_and_five_levels():
    assert default_bands(["low", "medium", "high"]) == {"low": 1, "medium": 3, "high": 6}
    assert default_bands(["very-low", "low", "medium", "high", "very-high"]) == {
        "low": 1,
        "medium": 5,
        "high": 10,
        "critical": 15,
    }


def test_enum_values_are_normalised_to_lower_case():
    config = ArchConfig.from_values({"archdoc_layers": ["Edge", "Core"]})
    assert config.layers == ("edge", "core")


def test_wrong_config_stops_the_build_with_a_clear_error(make_project):
    from sphinx.errors import ConfigError

    from conftest import build

    src = make_project({"index.rst": "Index\n=====\n"}, conf="archdoc_risk_levels = ['one']\n")
    with pytest.raises(ConfigError, match="archdoc_risk_levels: needs at least 2 entries"):
        build(src)


def test_every_config_value_has_a_tested_wrong_value():
    import inspect

    from sphinx_archdoc.core.config import CONFIG_SPECS

    module = inspect.getsource(inspect.getmodule(test_wrong_values_name_the_option))
    untested = [s.name for s in CONFIG_SPECS if f'{{"{s.name}":' not in module]
    assert not untested, f"no wrong-value case for {untested}"
