"""Generated tables in LaTeX: column widths that fit their content, and
tables that break across pages.

Left to itself, Sphinx writes a short table as a ``tabulary``, which
shares the line between columns by their total text: a column of one-word
values (a band, a status) or of long IDs is squeezed below its longest word,
and the word runs into the next column ("Banc", "HIGI").  A ``tabulary`` is
also one box that cannot break, so a tall table runs over the page footer.
Every generated table therefore becomes a ``longtable`` (it breaks across
pages and repeats its header) with an explicit column specification: each
column is at least as wide as its longest word, and the rest of the line goes
to the columns with the most text.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

#: The text width of Sphinx's default LaTeX page (10pt), in average characters.
LINE_CHARS = 90
#: The horizontal padding of one column (``2\tabcolsep``), in characters.
PADDING_CHARS = 3
#: Header cells are set in sans-serif, wider than the body's serif.
HEADER_SCALE = 1.25
#: Words this short are not hyphenated (TeX leaves two letters either side, and more).
SHORT_WORD = 7
#: A cell's text beyond this many characters wraps anyway: it asks for no more.
WANTED_CAP = 60


def word_width(word: str) -> float:
    """A word's width in average characters: capitals and digits are wider."""
    return len(word) + 0.35 * sum(1 for c in word if c.isupper() or c.isdigit()) + 1.0


#: Font sizes a table may be set in, largest first: (LaTeX command, scale).
FONT_SIZES: tuple[tuple[str, float], ...] = (
    ("", 1.0),
    (r"\small", 0.9),
    (r"\footnotesize", 0.8),
    (r"\scriptsize", 0.7),
    # The last resort of very wide tables (the eleven default columns of
    # arch-quality-scenario-table): small type rather than words cut.
    (r"\tiny", 0.5),
)


def column_chars(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[str, list[float]]:
    r"""The font size of a table and the text width, in characters of the
    normal size, each column gets (before padding).

    A column never gets less than its longest word (header words count too,
    set in a wider sans-serif); what is left of the line is shared in
    proportion to how much more each column would like (its longest cell,
    up to :data:`WANTED_CAP`). Where the longest words do not fit side by
    side, the table is set smaller (down to ``\scriptsize``);
    where they do not fit even then, the line is shared in proportion to them.
    """
    body_least = []
    header_least = []
    wanted = []
    for i, header in enumerate(headers):
        cells = [row[i] for row in rows if i < len(row)]
        header_words = [word_width(w) * HEADER_SCALE for w in header.split()]
        short_header_words = [w for w in header_words if w <= SHORT_WORD * HEADER_SCALE]
        body_least.append(
            max(
                [word_width(w) for text in cells for w in text.split()] + short_header_words + [1.0]
            )
        )
        header_least.append(max([body_least[-1], *header_words]))
        longest = max([word_width(text) for text in cells] + [sum(header_words)])
        wanted.append(max(header_least[-1], min(WANTED_CAP, longest)))
    line = LINE_CHARS - PADDING_CHARS * len(headers)
    # Long header words are dictionary words TeX can hyphenate: they give
    # way first; the body's IDs and values cannot.
    command, scale, least = next(
        (
            (command, scale, least)
            for least in (header_least, body_least)
            for command, scale in FONT_SIZES
            if sum(least) * scale <= line
        ),
        (*FONT_SIZES[-1], body_least),
    )
    available = line / scale
    if sum(wanted) <= available:
        return command, [w * scale for w in wanted]
    if sum(least) >= available:
        return command, [line * w / sum(least) for w in least]
    spare = available - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    return command, [
        (m + spare * e / sum(extra)) * scale for m, e in zip(least, extra, strict=True)
    ]


def column_spec(widths: Sequence[float], rules: bool) -> str:
    r"""A LaTeX column specification of ``\X{width}{line}`` columns (Sphinx's
    fraction-of-the-line paragraph column, which wraps between words)."""
    separator = "|" if rules else ""
    columns = [rf"\X{{{int((w + PADDING_CHARS) * 10)}}}{{{LINE_CHARS * 10}}}" for w in widths]
    return separator + separator.join(columns) + separator


def table_texts(table: nodes.table) -> tuple[list[str], list[list[str]]]:
    """The header and body cell texts of a table."""
    headers: list[str] = []
    rows: list[list[str]] = []
    for thead in table.findall(nodes.thead):
        for row in thead.findall(nodes.row):
            headers = [entry.astext() for entry in row.children]
    for tbody in table.findall(nodes.tbody):
        rows.extend([entry.astext() for entry in row.children] for row in tbody.children)
    return headers, rows


def prepare_for_latex(table: nodes.table, rules: bool) -> None:
    """Give ``table`` a column specification that fits its content and make
    it a longtable, by inserting Sphinx's own ``tabularcolumns`` node before it."""
    group = next(iter(table.findall(nodes.tgroup)), None)
    if group is None or table.parent is None:
        return
    headers, rows = table_texts(table)
    count = int(group["cols"])
    if len(headers) != count:
        headers = [*headers, *[""] * (count - len(headers))][:count]
    size, widths = column_chars(headers, rows)
    parent = table.parent
    position = parent.index(table)
    parent.insert(position, addnodes.tabular_col_spec(spec=column_spec(widths, rules)))
    if size:
        parent.insert(position, nodes.raw("", rf"\begingroup{size}", format="latex"))
        parent.insert(parent.index(table) + 1, nodes.raw("", r"\endgroup", format="latex"))
    if "longtable" not in table["classes"]:
        table["classes"].append("longtable")
