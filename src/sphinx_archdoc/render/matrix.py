"""The risk heat-map: impact rows (highest first) x probability columns.

A real docutils table, so HTML, LaTeX, text and every other builder render
it.  Each cell names its band in words as well as colour (CSS classes in
HTML, ``\\cellcolor`` in LaTeX), so the matrix reads the same in print, in
plain text and for readers who cannot tell the colours apart.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes

from sphinx_archdoc.core import scoring
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import Query
from sphinx_archdoc.core.i18n import N_, _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item
from sphinx_archdoc.render.cells import Fragment, ItemRef, Span, joined, to_nodes
from sphinx_archdoc.render.nodes import css_class, value_class

#: The four tones the stylesheet colours, lowest first.
TONES = ("low", "medium", "high", "critical")
#: LaTeX cell backgrounds per tone: light enough for black text (contrast > 7:1).
LATEX_COLOURS = {"low": "D7F0DC", "medium": "FFF0C2", "high": "FFD6D1", "critical": "FF9F94"}
#: Band names with an obvious tone; other names get one by their position.
_NAMED_TONES = {
    "very-low": "low",
    "low": "low",
    "minor": "low",
    "medium": "medium",
    "moderate": "medium",
    "high": "high",
    "major": "high",
    "very-high": "critical",
    "critical": "critical",
    "severe": "critical",
    "extreme": "critical",
}

#: The header of the first column (translated where it is shown).
CORNER_LABEL = N_("Impact / Probability")


def band_tone(band: str, config: ArchConfig) -> str:
    """The colour tone of a band: by its name when it has an obvious one,
    otherwise by its position among the configured bands."""
    key = css_class(band)
    if key in _NAMED_TONES:
        return _NAMED_TONES[key]
    names = scoring.band_names(config)
    if band not in names or len(names) == 1:
        return "medium"
    position = names.index(band) / (len(names) - 1)
    return TONES[round(position * (len(TONES) - 1))]


def band_classes(band: str, config: ArchConfig) -> list[str]:
    return [value_class("band", band), value_class("band-tone", band_tone(band, config))]


def _latex_colour(band: str, config: ArchConfig, command: str) -> nodes.raw:
    colour = LATEX_COLOURS[band_tone(band, config)]
    text = f"\\{command}[HTML]{{{colour}}}"
    return nodes.raw(text, text, format="latex")


def _count_text(count: int) -> str:
    if count == 1:
        return _("{count} risk").format(count=count)
    return _("{count} risks").format(count=count)


def _placement(risk: Item, config: ArchConfig) -> tuple[str, str] | None:
    impact, probability = risk.get("impact"), risk.get("probability")
    if not isinstance(impact, str) or not isinstance(probability, str):
        return None
    if scoring.rank(impact, config) is None or scoring.rank(probability, config) is None:
        return None
    return impact.lower(), probability.lower()


def _separator(text: str) -> Span:
    """Punctuation for text and LaTeX; HTML shows the parts on separate lines."""
    return Span(text, ("archdoc-sep",))


def _risk_links(risks: list[Item]) -> list[Fragment]:
    return joined(ItemRef(risk.id, risk.id, "risk") for risk in risks)


def _cell(band: str | None, risks: list[Item], config: ArchConfig, docname: str) -> nodes.entry:
    entry = nodes.entry(classes=["archdoc-risk-cell"])
    paragraph = nodes.paragraph()
    if band is not None:
        entry["classes"].extend(band_classes(band, config))
        paragraph += _latex_colour(band, config, "cellcolor")
        label = [Span(band, ("archdoc-band-label",)), _separator(" \u00b7 ")]
        paragraph.extend(to_nodes(label, docname))
    count = [Span(_count_text(len(risks)), ("archdoc-risk-count",))]
    paragraph.extend(to_nodes(count, docname))
    if risks:
        paragraph.extend(to_nodes([_separator(": ")], docname))
        ids = nodes.inline(classes=["archdoc-risk-ids"])
        ids.extend(to_nodes(_risk_links(risks), docname))
        paragraph += ids
    entry += paragraph
    return entry


def _text_entry(text: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph(text, text))


def _legend(index: Index, counts: dict[str, int]) -> nodes.paragraph:
    config = index.config
    legend = nodes.paragraph(classes=["archdoc-risk-matrix-legend"])
    intro = _("Bands (score = impact rank \u00d7 probability rank): ")
    legend += nodes.Text(intro)
    for i, band in enumerate(scoring.band_ranges(config)):
        if i:
            legend += nodes.Text(" \u00b7 ")
        key = nodes.inline(classes=["archdoc-badge", *band_classes(band.name, config)])
        open_box = _latex_colour(band.name, config, "colorbox")
        legend += open_box
        legend += nodes.raw("{", "{", format="latex")
        key += nodes.Text(band.name)
        legend += key
        legend += nodes.raw("}", "}", format="latex")
        detail = _(": {scores}, {count}").format(
            scores=band.label, count=_count_text(counts.get(band.name, 0))
        )
        legend += nodes.Text(detail)
    legend += nodes.Text(".")
    return legend


def _unplaced(risks: list[Item], docname: str) -> nodes.paragraph:
    text = _("Not placed (impact or probability missing): ")
    paragraph = nodes.paragraph(classes=["archdoc-risk-matrix-unplaced"])
    paragraph += nodes.Text(text)
    paragraph.extend(to_nodes(_risk_links(risks), docname))
    paragraph += nodes.Text(".")
    return paragraph


def risk_matrix(index: Index, query: Query, css_name: str, docname: str) -> list[nodes.Node]:
    """The heat-map of the risks the query selects, a legend, and the risks
    that could not be placed (no impact or probability)."""
    config = index.config
    cells: dict[tuple[str, str], list[Item]] = defaultdict(list)
    unplaced: list[Item] = []
    band_counts: dict[str, int] = defaultdict(int)
    for risk in query.select(index):
        place = _placement(risk, config)
        if place is None:
            unplaced.append(risk)
            continue
        cells[place].append(risk)
        # An imported risk is placed on this project's scale, so banded on it too.
        assessment = index.risk_assessments.get(risk.id) or scoring.assess(*place, config)
        band = assessment.band
        if band is not None:
            band_counts[band] += 1

    levels = config.risk_levels
    header = nodes.row()
    corner = _(CORNER_LABEL)
    header += _text_entry(corner)
    for probability in levels:
        header += _text_entry(probability)
    body_rows = []
    for impact, row_cells in scoring.grid(config):
        row = nodes.row()
        row += _text_entry(impact)
        for probability, _score, band in row_cells:
            row += _cell(band, cells.get((impact, probability), []), config, docname)
        body_rows.append(row)

    table = nodes.table(classes=["archdoc-table", f"archdoc-{css_name}"])
    if query.caption:
        table += nodes.title(query.caption, query.caption)
    group = nodes.tgroup(cols=len(levels) + 1)
    table += group
    # Character widths, used by the text builder: every risk cell gets the
    # same width so the grid stays square, wide enough for most cells.
    stub_width = max(len(corner), *(len(v) for v in levels))
    longest = max(len(entry.astext()) for row in body_rows for entry in row.children[1:])
    cell_width = max(16, min(40, longest), *(len(v) for v in levels))
    group += nodes.colspec(colwidth=stub_width, stub=1)
    for _level in levels:
        group += nodes.colspec(colwidth=cell_width)
    thead = nodes.thead()
    thead += header
    group += thead
    tbody = nodes.tbody()
    tbody.extend(body_rows)
    group += tbody

    result: list[nodes.Node] = [table, _legend(index, band_counts)]
    if unplaced:
        result.append(_unplaced(unplaced, docname))
    return result
