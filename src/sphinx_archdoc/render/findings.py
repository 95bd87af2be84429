"""``arch-findings``: every check result as a table, for readers of the site."""

from __future__ import annotations

from docutils import nodes

from sphinx_archdoc.core.filters import FindingQuery
from sphinx_archdoc.core.i18n import N_, _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.kinds import KINDS
from sphinx_archdoc.core.model import Finding, Item
from sphinx_archdoc.render.cells import Code, DocRef, Fragment, ItemRef, badge_span, to_nodes
from sphinx_archdoc.render.tables import build_table

_LABELS = {
    "check": N_("Check"),
    "severity": N_("Severity"),
    "message": N_("Message"),
    "location": N_("Location"),
    "docname": N_("Document"),
    "line": N_("Line"),
}


def _location(finding: Finding, items_at: dict[tuple[str, int], Item]) -> list[Fragment]:
    if not finding.docname:
        return []
    text = finding.docname
    if finding.lineno:
        text = _("{docname}, line {line}").format(docname=finding.docname, line=finding.lineno)
    item = items_at.get((finding.docname, finding.lineno or 0))
    if item is not None and item.id and KINDS[item.kind].has_id:
        # The finding is about an item: link to its block, not just its page.
        return [ItemRef(item.id, text, item.kind)]
    return [DocRef(finding.docname, text=text)]


def _cell(finding: Finding, column: str, items_at: dict[tuple[str, int], Item]) -> list[Fragment]:
    if column == "check":
        return [Code(finding.check, ())]
    if column == "severity":
        return [badge_span(finding.severity, "severity", finding.severity)]
    if column == "message":
        return [finding.message]
    if column == "location":
        return _location(finding, items_at)
    if column == "docname":
        return [DocRef(finding.docname, text=finding.docname)] if finding.docname else []
    if column == "line":
        return [str(finding.lineno)] if finding.lineno else []
    return []  # pragma: no cover - columns are validated when parsed


def findings_table(
    index: Index, query: FindingQuery, css_name: str, docname: str
) -> list[nodes.Node]:
    findings = query.select(index.findings)
    if not findings:
        text = _("No findings match.") if query.filters else _("No findings: every check passed.")
        return [nodes.paragraph(text, text, classes=["archdoc-empty", f"archdoc-{css_name}"])]
    items_at = {
        (item.docname, item.lineno): item
        for item in reversed(index.items)
        if index.by_id.get(item.id) is item
    }
    headers = [_(_LABELS[c]) for c in query.columns]
    rows = [[to_nodes(_cell(f, c, items_at), docname) for c in query.columns] for f in findings]
    # Character widths for the text builder: check names are never broken.
    widths = [
        max([len(header)] + [len("".join(n.astext() for n in row[i])) + 2 for row in rows])
        for i, header in enumerate(headers)
    ]
    widths = [
        w if c in ("check", "severity") else min(w, 50)
        for w, c in zip(widths, query.columns, strict=True)
    ]
    return [build_table(css_name, headers, rows, query.caption, widths)]
