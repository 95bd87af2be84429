"""Risk scoring: score = impact rank x probability rank; band from the score."""

from __future__ import annotations

from sphinx_archdoc.config import ArchConfig


def rank(level: str | None, config: ArchConfig) -> int | None:
    """1-based rank of a level, or None when missing or unknown."""
    if level is None:
        return None
    try:
        return config.risk_levels.index(level.lower()) + 1
    except ValueError:
        return None


def score(impact: str | None, probability: str | None, config: ArchConfig) -> int | None:
    impact_rank = rank(impact, config)
    probability_rank = rank(probability, config)
    if impact_rank is None or probability_rank is None:
        return None
    return impact_rank * probability_rank


def band(value: int | None, config: ArchConfig) -> str | None:
    """The highest band whose minimum the score reaches."""
    if value is None:
        return None
    current: str | None = None
    for name, minimum in config.risk_bands:
        if value >= minimum:
            current = name
    return current


def band_names(config: ArchConfig) -> tuple[str, ...]:
    return tuple(name for name, _ in config.risk_bands)


def highest_band(config: ArchConfig) -> str:
    return config.risk_bands[-1][0]
