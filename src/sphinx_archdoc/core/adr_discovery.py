"""ADR discovery: turn an existing ADR document into an ``adr`` item (pure).

The Sphinx layer (:mod:`sphinx_archdoc.directives.adr`) reduces a read
doctree to an :class:`Outline` -- the first heading, the metadata (MyST front
matter or a docinfo field list) and the paragraphs with the sections they sit
in -- and :func:`discover` reads the ADR's fields from it.  Only paragraphs are
ever looked at, so text inside code blocks is never taken for metadata.

Conventions understood (see ``docs/reference/decisions.md``): adr-tools /
Nygard, MADR 2-4, log4brains and reStructuredText records.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sphinx_archdoc.core.adr import reference_number
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import FieldValue, Finding
from sphinx_archdoc.core.options import normalise_adr_status

#: Pages of an ADR folder that are never ADRs, whatever their name.
_NOT_ADR_STEMS = {"readme", "index", "template", "toc", "_toc", "contents"}
_DATE_NAME_RE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[-_ .](.*))?$")
_NUMBER_NAME_RE = re.compile(r"^(?:adr[-_ ]?)?0*(\d{1,15})(?:[-_ .](.*))?$", re.IGNORECASE)
_HEADING_NUMBER_RE = re.compile(
    r"^\s*(?:ADR[-_ ]?#?0*(\d{1,15})|#?0*(\d{1,15})(?=\s*[.:)]))\s*[.:)\-\u2013\u2014]?\s*",
    re.IGNORECASE,
)
_ISO_DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LINK_MARK = "\x00L{}\x00"
_LINK_MARK_RE = re.compile(r"\x00L(\d{1,9})\x00")
_KEY_LINE_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(status|date|deciders|decision[- ]makers)\s*:\s*(.*)$", re.IGNORECASE
)
_SUPERSESSION_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:status\s*:\s*)?(?P<kw>super[sc]edes|super[sc]eded\s+by)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
#: A status word: words up to a date, a "by", a link or punctuation.
_STATUS_WORD_RE = re.compile(
    r"^\s*(?P<word>[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)*?)"
    r"(?=\s*(?:$|[,;:(.\[\x00*_]|\d|\s(?:by|on|since)\b))"
)
_REF_TOKEN_RE = re.compile(
    r"\s*(?:,|;|&|\band\b)?\s*"
    r"(?:\x00L(?P<link>\d{1,9})\x00|(?:ADR[-_ ]?|#)?0*(?P<num>\d{1,15})\b)",
    re.IGNORECASE,
)
_ID_UNSAFE_RE = re.compile(r"[^A-Za-z0-9_.-]+")
_SOURCE_SUFFIXES = (".md", ".rst", ".html", ".txt", ".markdown")


@dataclass(frozen=True)
class FileName:
    """What an ADR document's file name says."""

    number: int | None
    date: str | None
    slug: str


@dataclass(frozen=True)
class Link:
    text: str
    target: str


@dataclass(frozen=True)
class Block:
    """One paragraph: its text (links replaced by markers), where it sits."""

    text: str
    lineno: int
    #: Titles of the enclosing sections, outermost first.
    sections: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    #: The text of a leading bold (``**Accepted** 2024-01-02``), if any.
    strong: str | None = None


@dataclass(frozen=True)
class Outline:
    docname: str
    title: str | None = None
    title_line: int = 1
    anchor: str = ""
    #: MyST front matter or the docinfo field list, keys lower case.
    metadata: Mapping[str, str] = field(default_factory=dict)
    blocks: tuple[Block, ...] = ()


@dataclass
class Discovered:
    item_id: str
    fields: dict[str, FieldValue]
    lineno: int
    anchor: str
    findings: list[Finding]


def link_marker(index: int) -> str:
    """The placeholder a link leaves in :attr:`Block.text`."""
    return _LINK_MARK.format(index)


def parse_filename(stem: str) -> FileName | None:
    """Number, date and slug of an ADR file name, or None when it is not one."""
    lowered = stem.lower()
    if lowered in _NOT_ADR_STEMS or "template" in re.split(r"[-_ .]", lowered):
        return None
    date = _DATE_NAME_RE.match(stem)
    if date:
        year, month, day, slug = date.groups()
        try:
            parsed = dt.date(int(year), int(month), int(day))
        except ValueError:
            parsed = None
        if parsed is not None and 1900 <= parsed.year < 2200:
            return FileName(None, parsed.isoformat(), slug or stem)
    number = _NUMBER_NAME_RE.match(stem)
    if number:
        return FileName(int(number.group(1)), None, number.group(2) or "")
    return None


def adr_filename(docname: str, patterns: Iterable[str]) -> FileName | None:
    """The parsed file name when ``docname`` is an ADR document of ``patterns``."""
    if not any(fnmatch.fnmatchcase(docname, p) for p in patterns):
        return None
    return parse_filename(docname.rsplit("/", 1)[-1])


def safe_id(text: str) -> str:
    return _ID_UNSAFE_RE.sub("-", text).strip("-._") or "adr"


def clean_title(heading: str) -> tuple[str, int | None]:
    """The heading without a leading "N." / "ADR-N:", and the number it named."""
    match = _HEADING_NUMBER_RE.match(heading)
    if not match:
        return heading.strip(), None
    rest = heading[match.end() :].strip()
    if not rest:
        return heading.strip(), None
    number = match.group(1) or match.group(2)
    return rest, int(number)


def status_word(text: str) -> str | None:
    """The status at the start of a status text: ``Superseded by ...`` -> Superseded."""
    cleaned = text.strip().strip("*_`").strip()
    match = _STATUS_WORD_RE.match(cleaned)
    return match.group("word").strip() if match else None


def _metadata_list(value: str) -> tuple[str, ...]:
    text = value.strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = [p.strip().strip("'\"") for p in text.strip("[]").split(",")]
        if isinstance(parsed, list):
            return tuple(str(p).strip() for p in parsed if str(p).strip())
    return tuple(p.strip() for p in text.split(",") if p.strip())


def parse_front_matter(source: str) -> dict[str, str]:
    """``key: value`` pairs of a YAML front matter block at the very start of
    a Markdown source (only used when the parser kept none of it)."""
    lines = source.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    result: dict[str, str] = {}
    key: str | None = None
    items: list[str] = []
    for line in lines[1:]:
        if line.strip() in ("---", "..."):
            break
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key:
            items.append(item.group(1).strip().strip("'\""))
            result[key] = json.dumps(items)
            continue
        pair = re.match(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$", line)
        if pair:
            key, items = pair.group(1).lower(), []
            result[key] = pair.group(2).strip().strip("'\"")
    return result


def reference_from_link(link: Link, config: ArchConfig) -> str | None:
    """An ADR reference from a link: its target's file name, else its text."""
    target = link.target.strip()
    if target and "://" not in target and not target.startswith("mailto:"):
        path = target.split("#", 1)[0].split("?", 1)[0].rstrip("/")
        stem = path.rsplit("/", 1)[-1]
        for suffix in _SOURCE_SUFFIXES:
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
        if stem:
            name = parse_filename(stem)
            if name is not None and name.number is not None:
                return _number_reference(name.number, config)
            if name is not None:
                return safe_id(name.slug)
    number = _HEADING_NUMBER_RE.match(link.text) or re.match(r"^\s*#?0*(\d{1,15})\s*$", link.text)
    if number:
        value = next(g for g in number.groups() if g)
        return _number_reference(int(value), config)
    return None


def _number_reference(number: int, config: ArchConfig) -> str:
    shown = config.adr_id_format.format(number=number)
    return shown if reference_number(shown) == number else str(number)


def supersession(
    text: str, links: tuple[Link, ...], config: ArchConfig
) -> tuple[str, tuple[str, ...]] | None:
    """``("supersedes"|"superseded-by", refs)`` when a line states supersession.

    The keyword must start the line (after a bullet or ``Status:``) and be
    followed by ADR references (links, ``ADR-3``, ``3``): prose that merely
    mentions the word is not a statement.
    """
    for line in text.splitlines():
        match = _SUPERSESSION_RE.match(line)
        if not match:
            continue
        relation = "superseded-by" if match.group("kw").lower().endswith("by") else "supersedes"
        rest = match.group("rest")
        refs: list[str] = []
        while True:
            token = _REF_TOKEN_RE.match(rest)
            if not token:
                break
            rest = rest[token.end() :]
            if token.group("link") is not None:
                position = int(token.group("link"))
                ref = (
                    reference_from_link(links[position], config) if position < len(links) else None
                )
                if ref:
                    refs.append(ref)
                # Skip the remainder of a plain-text title after a link.
            else:
                refs.append(_number_reference(int(token.group("num")), config))
            rest = re.sub(r"^\s*[.:)]?\s*(?:[A-Z][^,;\x00]*)?(?=,|;|&|\band\b|$)", "", rest)
        if refs:
            return relation, tuple(dict.fromkeys(refs))
    return None


def _first_date(text: str) -> str | None:
    match = _ISO_DATE_RE.search(text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def _plain(text: str) -> str:
    return _LINK_MARK_RE.sub("", text)


def _is_status_section(title: str) -> bool:
    return title.strip().rstrip(":").strip().lower() in ("status", "decision status")


def discover(outline: Outline, name: FileName, config: ArchConfig) -> Discovered:
    """The fields of the ADR ``outline`` describes, and what was wrong with it."""
    findings: list[Finding] = []
    meta = {k.lower(): v for k, v in outline.metadata.items() if isinstance(v, str)}
    fields = _name_fields(outline, name, meta, findings)
    clues = _clues(outline, meta, config)
    for text, _block in clues.statuses:
        word = status_word(_plain(text))
        if word:
            fields["status"] = word
            break
    date = _date(outline, name, meta, clues.dates, findings)
    if date:
        fields["date"] = date
    if clues.deciders:
        fields["deciders"] = clues.deciders[0]
    if meta.get("tags"):
        fields["tags"] = _metadata_list(meta["tags"])
    for relation, refs in _relations(outline, meta, config).items():
        if refs:
            fields[relation] = tuple(dict.fromkeys(refs))

    stem = outline.docname.rsplit("/", 1)[-1]
    item_id = safe_id(name.slug) if name.date and name.slug else safe_id(stem)
    return Discovered(item_id, fields, outline.title_line, outline.anchor, findings)


def _date(
    outline: Outline,
    name: FileName,
    meta: Mapping[str, str],
    texts: list[str],
    findings: list[Finding],
) -> str | None:
    """The first date the texts state, else the file name's; a metadata date
    that is not one is reported."""
    for text in texts:
        date = _first_date(_plain(text))
        if date:
            return date
    if meta.get("date") and not _first_date(meta["date"]):
        findings.append(
            Finding(
                "invalid_value",
                _("ADR date {value!r} is not an ISO date (YYYY-MM-DD)").format(value=meta["date"]),
                outline.docname,
                outline.title_line,
            )
        )
    return name.date or None


def _name_fields(
    outline: Outline, name: FileName, meta: Mapping[str, str], findings: list[Finding]
) -> dict[str, FieldValue]:
    """Title, number and slug: from the heading, the metadata and the file name."""
    fields: dict[str, FieldValue] = {}
    heading_number: int | None = None
    if outline.title:
        title, heading_number = clean_title(outline.title)
        fields["title"] = title
    elif meta.get("title"):
        fields["title"] = meta["title"].strip()
    elif name.slug:
        fields["title"] = name.slug.replace("-", " ").replace("_", " ").strip().capitalize()
    if name.number is not None:
        fields["number"] = str(name.number)
        if heading_number is not None and heading_number != name.number:
            findings.append(
                Finding(
                    "adr_number_mismatch",
                    _(
                        "ADR heading {title!r} names number {heading_number}, but the "
                        "file name gives {file_number}; the file name's number is used"
                    ).format(
                        title=outline.title,
                        heading_number=heading_number,
                        file_number=name.number,
                    ),
                    outline.docname,
                    outline.title_line,
                )
            )
    if name.slug:
        fields["slug"] = safe_id(name.slug).lower()
    return fields


@dataclass
class _Clues:
    """Texts that may state the status, the date and the deciders, best first."""

    statuses: list[tuple[str, Block | None]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    deciders: list[str] = field(default_factory=list)


def _metadata_clues(meta: Mapping[str, str]) -> _Clues:
    """What the front matter states: the best clues, first."""
    clues = _Clues()
    if meta.get("status"):
        clues.statuses.append((meta["status"], None))
    if meta.get("date"):
        clues.dates.append(meta["date"])
    for key in ("deciders", "decision-makers", "decision_makers", "authors"):
        if meta.get(key):
            clues.deciders.append(", ".join(_metadata_list(meta[key])))
            break
    return clues


def _clues(outline: Outline, meta: Mapping[str, str], config: ArchConfig) -> _Clues:
    clues = _metadata_clues(meta)

    section_status = next(
        (b for b in outline.blocks if b.sections and _is_status_section(b.sections[-1])), None
    )
    if section_status is not None:
        # A section of only whitespace ("\r") has no first line.
        first_line = next(iter(section_status.text.strip().splitlines()), "")
        clues.statuses.append((first_line, section_status))
        clues.dates.append(_plain(first_line))
    for block in outline.blocks:
        for line in block.text.splitlines():
            key_line = _KEY_LINE_RE.match(line)
            if not key_line:
                continue
            key, value = key_line.group(1).lower(), key_line.group(2)
            if key == "status":
                clues.statuses.append((value, block))
            elif key == "date":
                clues.dates.append(value)
            elif _plain(value).strip():
                clues.deciders.append(_plain(value).strip())
    for block in outline.blocks:
        if block.strong and normalise_adr_status(block.strong, config)[1]:
            clues.statuses.append((block.text, block))
            clues.dates.append(block.text)
    return clues


def _relations(
    outline: Outline, meta: Mapping[str, str], config: ArchConfig
) -> dict[str, list[str]]:
    """``supersedes`` / ``superseded-by`` references, from metadata and prose."""
    relations: dict[str, list[str]] = {"supersedes": [], "superseded-by": []}
    for key, relation in (
        ("supersedes", "supersedes"),
        ("superseded-by", "superseded-by"),
        ("superseded_by", "superseded-by"),
    ):
        if meta.get(key):
            relations[relation].extend(_metadata_list(meta[key]))
    if meta.get("status"):
        stated = supersession(meta["status"], (), config)
        if stated:
            relations[stated[0]].extend(stated[1])
    for block in outline.blocks:
        stated = supersession(block.text, block.links, config)
        if stated:
            relations[stated[0]].extend(stated[1])
    return relations


def merge_explicit(
    explicit: Mapping[str, FieldValue], discovered: Mapping[str, FieldValue]
) -> dict[str, FieldValue]:
    """An ``arch-adr`` inside a discovered document: its options win."""
    merged = dict(discovered)
    merged.update(explicit)
    return merged
