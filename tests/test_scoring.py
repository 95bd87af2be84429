"""Risk scoring and banding on the three-level and the five-level scale (pure)."""

from __future__ import annotations

import pytest

from sphinx_archdoc.core import scoring
from sphinx_archdoc.core.config import (
    FIVE_LEVEL_SCALE,
    ArchConfig,
    ConfigValueError,
    unreachable_bands,
    validate,
)

THREE = ArchConfig.from_values({})
FIVE = ArchConfig.from_values({"archdoc_risk_levels": list(FIVE_LEVEL_SCALE)})


def test_rank_starts_at_one_and_ignores_case():
    assert scoring.rank("low", THREE) == 1
    assert scoring.rank("Medium", THREE) == 2
    assert scoring.rank(" HIGH ", THREE) == 3
    assert scoring.rank("very-high", FIVE) == 5


def test_unknown_or_missing_level_has_no_rank_and_no_score():
    assert scoring.rank("extreme", THREE) is None
    assert scoring.score("high", None, THREE) is None
    assert scoring.score("high", "sometimes", THREE) is None
    assert scoring.band(None, THREE) is None


@pytest.mark.parametrize(
    ("impact", "probability", "score", "band"),
    [
        ("low", "low", 1, "low"),
        ("low", "medium", 2, "low"),
        ("medium", "low", 2, "low"),
        ("high", "low", 3, "medium"),
        ("medium", "medium", 4, "medium"),
        ("high", "medium", 6, "high"),
        ("medium", "high", 6, "high"),
        ("high", "high", 9, "high"),
    ],
)
def test_three_level_scale(impact, probability, score, band):
    assert scoring.score(impact, probability, THREE) == score
    assert scoring.band(score, THREE) == band


@pytest.mark.parametrize(
    ("impact", "probability", "score", "band"),
    [
        ("very-low", "very-low", 1, "low"),
        ("low", "low", 4, "low"),
        ("very-low", "very-high", 5, "medium"),
        ("medium", "medium", 9, "medium"),
        ("low", "very-high", 10, "high"),
        ("high", "medium", 12, "high"),
        ("medium", "very-high", 15, "critical"),
        ("high", "high", 16, "critical"),
        ("very-high", "very-high", 25, "critical"),
    ],
)
def test_five_level_scale(impact, probability, score, band):
    assert scoring.score(impact, probability, FIVE) == score
    assert scoring.band(score, FIVE) == band


def test_five_level_scale_gets_the_five_level_default_bands():
    assert FIVE.risk_bands == (("low", 1), ("medium", 5), ("high", 10), ("critical", 15))
    assert scoring.highest_band(FIVE) == "critical"
    assert scoring.highest_band(THREE) == "high"


def test_custom_bands_and_levels_are_stored_lower_case():
    config = ArchConfig.from_values(
        {"archdoc_risk_levels": ["Minor", "Major"], "archdoc_risk_bands": {"OK": 1, "Bad": 4}}
    )
    assert config.risk_levels == ("minor", "major")
    assert config.risk_bands == (("ok", 1), ("bad", 4))
    assert scoring.band(scoring.score("MAJOR", "major", config), config) == "bad"


def test_band_ranges_cover_the_reachable_scores():
    assert [(b.name, b.minimum, b.maximum) for b in scoring.band_ranges(THREE)] == [
        ("low", 1, 2),
        ("medium", 3, 4),
        ("high", 6, 9),
    ]
    assert [(b.name, b.minimum, b.maximum) for b in scoring.band_ranges(FIVE)] == [
        ("low", 1, 4),
        ("medium", 5, 9),
        ("high", 10, 12),
        ("critical", 15, 25),
    ]


def test_grid_has_highest_impact_first_and_probability_ascending():
    rows = scoring.grid(THREE)
    assert [impact for impact, _ in rows] == ["high", "medium", "low"]
    assert [(p, s, b) for p, s, b in rows[0][1]] == [
        ("low", 3, "medium"),
        ("medium", 6, "high"),
        ("high", 9, "high"),
    ]


@pytest.mark.parametrize(
    "text", [None, "", "  ", "TBD", "tbd.", "n/a", "None", "-", "[Mitigation]"]
)
def test_placeholder_mitigations(text):
    assert scoring.is_placeholder(text)


@pytest.mark.parametrize("text", ["Failover", "None of the above applies: we retry", "[1] see RFC"])
def test_real_mitigations(text):
    assert not scoring.is_placeholder(text)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"archdoc_risk_levels": ["only"]}, "archdoc_risk_levels: needs at least 2 entries, got 1"),
        ({"archdoc_risk_levels": []}, "archdoc_risk_levels: needs at least 2 entries, got 0"),
        (
            {"archdoc_risk_bands": {"low": 1, "high": 6, "medium": 3}},
            "archdoc_risk_bands: band 'medium': minimum scores must be strictly increasing",
        ),
        (
            {"archdoc_risk_bands": {"low": 1, "medium": 3, "high": 3}},
            "minimum scores must be strictly increasing",
        ),
        (
            {"archdoc_risk_bands": {"low": 1, "critical": 15}},
            "archdoc_risk_bands: band 'critical' starts at 15, but the highest score with "
            "3 levels is 9",
        ),
        (
            # 7 and 8 are no product of two ranks from 1 to 3.
            {"archdoc_risk_bands": {"low": 1, "medium": 7, "high": 9}},
            "archdoc_risk_bands: band 'medium' can never be reached",
        ),
        ({"archdoc_risk_bands": {"low": 1, "LOW": 3}}, "band names must be unique"),
        ({"archdoc_risk_bands": {"low": 1, "very high": 3}}, "band name 'very high' must be"),
        ({"archdoc_risk_bands": {"low": 1, "high": 2.5}}, "must be an integer >= 1"),
    ],
)
def test_invalid_scales_and_bands_name_the_option(values, message):
    with pytest.raises(ConfigValueError) as excinfo:
        validate(values)
    assert message in str(excinfo.value)


def test_five_level_bands_are_valid_on_the_five_level_scale():
    validate(
        {
            "archdoc_risk_levels": list(FIVE_LEVEL_SCALE),
            "archdoc_risk_bands": {"low": 1, "medium": 5, "high": 10, "critical": 15},
        }
    )


@pytest.mark.parametrize("levels", [2, 3, 4, 5, 6, 7, 10])
def test_default_bands_are_reachable_on_every_scale(levels):
    names = [f"l{i}" for i in range(levels)]
    config = ArchConfig.from_values({"archdoc_risk_levels": names})
    assert unreachable_bands(config.risk_bands, levels) == []
    validate({"archdoc_risk_levels": names, "archdoc_risk_bands": dict(config.risk_bands)})
