"""Property-based tests (hypothesis) for the parsers that read user text:
ADR discovery and references, imported JSON, Mermaid escaping, filters.

Each property states what must hold for *any* input, not just the examples
the other tests show: never an exception other than the module's own error,
limits always enforced, nothing from the input ever becomes syntax.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import index_of
from sphinx_archdoc.core import export
from sphinx_archdoc.core.adr import reference_number, resolve_adr_reference
from sphinx_archdoc.core.adr_discovery import (
    Block,
    FileName,
    Link,
    Outline,
    clean_title,
    discover,
    link_marker,
    parse_filename,
    parse_front_matter,
    reference_from_link,
    safe_id,
    status_word,
    supersession,
)
from sphinx_archdoc.core.config import ArchConfig
from sphinx_archdoc.core.filters import (
    COMMON_OPTIONS,
    allowed_values,
    as_words,
    parse_finding_query,
    parse_query,
)
from sphinx_archdoc.core.graph import Graph, GraphNode, mermaid_code, mermaid_label, mermaid_url
from sphinx_archdoc.core.kinds import KINDS, FieldType, column_names
from sphinx_archdoc.core.model import ID_RE, Finding, Item

CONFIG = ArchConfig()
TODAY = dt.date(2026, 1, 1)

#: Text that looks like what people put in ADR files and options, plus noise.
WORDS = st.sampled_from(
    [
        "ADR-1", "ADR-007", "adr_12", "#3", "0004", "42", "Superseded by", "Supersedes",
        "superceded", "Status:", "status", "accepted", "Accepted", "**Proposed**", "by",
        "2024-01-31", "20240131", "and", ",", ";", ".", ":", "-", "\n", " ", "[link]",
        "9" * 40, "1" * 5000, "é", "😀", "\x00", "<script>", '"', "%%{init}%%", "click",
    ]
)  # fmt: skip
MESSY = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=12).map("".join))


# -- ADR discovery and references ------------------------------------------------


@pytest.mark.slow
@given(MESSY)
def test_file_names_parse_to_a_number_a_date_or_nothing(stem):
    name = parse_filename(stem)
    if name is None:
        return
    if name.number is None and name.date is None:
        # An ADR not numbered yet (``adr-tbd-1-confluence-api``): named by its slug.
        assert stem[:4].lower() in ("adr-", "adr_", "adr ")
        assert name.slug[:1].isascii()
        assert name.slug[:1].isalpha()
        assert stem[4:].startswith(name.slug)
        return
    assert (name.number is None) != (name.date is None)
    if name.number is not None:
        assert 0 <= name.number < 10**15
    if name.date is not None:
        dt.date.fromisoformat(name.date)


@given(MESSY)
def test_headings_clean_to_a_title_and_a_bounded_number(heading):
    title, number = clean_title(heading)
    assert isinstance(title, str)
    assert number is None or 0 <= number < 10**15


@given(MESSY)
def test_status_words_and_front_matter_never_raise(text):
    word = status_word(text)
    assert word is None or (word and word == word.strip())
    meta = parse_front_matter("---\n" + text + "\n---\n")
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())
    assert parse_front_matter(text) == {} or text.lstrip("\ufeff").startswith("---")


@pytest.mark.slow
@given(MESSY)
def test_safe_ids_are_valid_ids_or_empty(text):
    value = safe_id(text)
    assert value == "" or ID_RE.match(value)


@given(MESSY)
def test_adr_references_name_a_bounded_number_or_a_slug(reference):
    number = reference_number(reference)
    assert number is None or 0 <= number < 10**15


@given(st.integers(min_value=0, max_value=10**9))
def test_every_spelling_of_an_adr_number_names_it(number):
    for spelling in (f"ADR-{number:03d}", f"ADR-{number}", f"{number:04d}", str(number)):
        assert reference_number(spelling) == number
        assert reference_number(f"  {spelling.lower()} ") == number


@st.composite
def links(draw):
    return Link(draw(MESSY), draw(st.one_of(MESSY, st.sampled_from(["0003-x.md", "../a/12.rst"]))))


@given(MESSY, st.lists(links(), max_size=3))
def test_supersession_lines_give_references_or_nothing(text, found_links):
    marked = text.replace("[link]", link_marker(0))
    result = supersession(marked, tuple(found_links), CONFIG)
    if result is not None:
        relation, refs = result
        assert relation in ("supersedes", "superseded-by")
        assert refs
        assert all(isinstance(r, str) and r for r in refs)
    for link in found_links:
        ref = reference_from_link(link, CONFIG)
        assert ref is None or isinstance(ref, str)


@st.composite
def outlines(draw):
    blocks = tuple(
        Block(
            text=draw(MESSY).replace("[link]", link_marker(0)),
            lineno=draw(st.integers(min_value=1, max_value=500)),
            sections=tuple(draw(st.lists(st.sampled_from(["Status", "Context", "Décision"]))))[:2],
            links=tuple(draw(st.lists(links(), max_size=2))),
            strong=draw(st.one_of(st.none(), MESSY)),
        )
        for _ in range(draw(st.integers(min_value=0, max_value=5)))
    )
    metadata = draw(
        st.dictionaries(st.sampled_from(["status", "date", "deciders", "title", "x"]), MESSY)
    )
    return Outline("adr/0001-x", draw(st.one_of(st.none(), MESSY)), 1, "x", metadata, blocks)


@given(
    outlines(),
    st.builds(
        FileName,
        st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
        st.none(),
        st.text(alphabet=string.ascii_lowercase + "-", max_size=20),
    ),
)
@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_discovery_of_any_document_gives_a_valid_item(outline, name):
    assume(name.number is not None or name.slug.strip("-"))
    found = discover(outline, name, CONFIG)
    assert ID_RE.match(found.item_id)
    for value in found.fields.values():
        assert isinstance(value, str) or all(isinstance(v, str) for v in value)
    for finding in found.findings:
        assert finding.check
        assert finding.docname == "adr/0001-x"


# -- imported JSON -----------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def documents(draw):
    """Mostly well-formed exports with random damage."""
    item = st.fixed_dictionaries(
        {
            "kind": st.sampled_from([*KINDS, "widget", 3]),
            "id": st.one_of(st.sampled_from(["api", "db", "ADR-1"]), st.text(max_size=10)),
            "url": st.one_of(
                st.sampled_from(["a.html#x", "https://x.org/a", "javascript:alert(1)"]),
                st.text(max_size=20),
            ),
        },
        optional={
            "title": st.one_of(st.text(max_size=10), JSON_VALUES),
            "fields": st.one_of(
                st.dictionaries(st.sampled_from(["layer", "Bad Name", "x"]), JSON_VALUES),
                JSON_VALUES,
            ),
            "computed": st.one_of(st.dictionaries(st.sampled_from(["score", "x"]), JSON_VALUES)),
        },
    )
    return draw(
        st.fixed_dictionaries(
            {
                "schema_version": st.sampled_from([1, 1, 1, 2, "1"]),
                "items": st.one_of(st.lists(item, max_size=4), JSON_VALUES),
            },
            optional={"project": JSON_VALUES, "version": st.text(max_size=5)},
        )
    )


def _safe_result(result):
    assert set(result) == {"project", "version", "items"}
    for item in result["items"]:
        assert item["kind"] in KINDS
        assert ID_RE.match(item["id"])
        assert export.is_safe_url(item["url"])
        assert isinstance(item["fields"], dict)


@pytest.mark.slow
@given(st.one_of(documents(), JSON_VALUES))
def test_validate_document_returns_safe_data_or_raises_its_own_error(data):
    try:
        result = export.validate_document(data)
    except export.ExternalDataError:
        return
    _safe_result(result)


@pytest.mark.slow
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200), documents().map(json.dumps)))
def test_loads_raises_only_its_own_error(payload):
    try:
        result = export.loads(payload)
    except export.ExternalDataError:
        return
    _safe_result(result)


def test_limits_hold_for_depth_size_items_and_strings():
    deep: object = "x"
    for _ in range(export.MAX_DEPTH + 1):
        deep = [deep]
    base = {"schema_version": 1, "items": []}
    with pytest.raises(export.ExternalDataError, match="nested deeper"):
        export.validate_document({**base, "project": deep})
    with pytest.raises(export.ExternalDataError):  # too deep for json itself: its own error
        export.loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(export.ExternalDataError, match="nested deeper"):
        export.loads("[" * 20 + "]" * 20)
    with pytest.raises(export.ExternalDataError, match="larger than"):
        export.loads(b" " * (export.MAX_BYTES + 1))
    too_many = [{"kind": "component", "id": "a", "url": "a.html"}] * (export.MAX_ITEMS + 1)
    with pytest.raises(export.ExternalDataError, match="more than"):
        export.validate_document({**base, "items": too_many})
    with pytest.raises(export.ExternalDataError, match="longer than"):
        export.validate_document({**base, "project": "x" * (export.MAX_STRING + 1)})
    long_list = {"kind": "component", "id": "a", "url": "a.html"}
    long_list["fields"] = {"tags": ["t"] * (export.MAX_LIST + 1)}  # type: ignore[assignment]
    with pytest.raises(export.ExternalDataError, match="more than"):
        export.validate_document({**base, "items": [long_list]})


#: A browser's idea of a URL scheme, after it drops leading spaces / control
#: characters and every tab and newline.
_BROWSER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@given(
    st.one_of(
        st.text(max_size=40),
        st.lists(
            st.sampled_from(["java", "script", ":", "\t", "\n", " ", "/", "http", "s", "//", "x"]),
            max_size=8,
        ).map("".join),
    )
)
def test_accepted_urls_are_http_or_relative_as_a_browser_reads_them(url):
    if not export.is_safe_url(url):
        return
    seen = re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(33))))
    scheme = _BROWSER_SCHEME.match(seen)
    assert scheme is None or scheme.group(1).lower() in ("http", "https"), url
    assert not seen.startswith(("//", "/", "\\"))


# -- Mermaid ---------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            ['"', "\n", "%%", "%%{init: {'theme':'dark'}}%%", "click n1 call alert()", "]", "[",
             "end", "-->", "<script>", "`", "#", ";", "&", "\r\n", "\u2028", "x",
             "style n1 fill:#f00;", "classDef c color:#fff;"]
        ),
        max_size=10,
    ).map("".join),
)  # fmt: skip


@given(HOSTILE_TEXT)
def test_mermaid_labels_contain_no_syntax(text):
    label = mermaid_label(text)
    assert '"' not in label
    assert "\n" not in label
    assert "\r" not in label
    assert "%" not in label
    assert all(c.isalnum() or c in " .,;-_()/'!?+*=@#" for c in label)
    assert not label.startswith(" ")


@given(HOSTILE_TEXT)
def test_mermaid_urls_contain_no_quote_space_or_directive(url):
    escaped = mermaid_url(url)
    assert not re.search(r'[\s"{}]', escaped)
    assert "%%" not in escaped
    assert all(m.group(1) for m in re.finditer(r"%([0-9A-Fa-f]{2})?", escaped))


_LINE_PATTERNS = [
    re.compile(p)
    for p in (
        r"^flowchart (TB|LR)$",
        r'^  subgraph g\d+\["[^"\n]*"\]$',
        r'^ {2,4}n\d+\["[^"\n]*"\]$',
        r"^  end$",
        r"^  n\d+ --> n\d+$",
        r"^  classDef archdoc(Inactive|External) [^\n]+$",
        r"^  class n\d+(,n\d+)* archdoc(Inactive|External)$",
        r'^  click n\d+ href "[^"\s]*" "[A-Za-z0-9_.-]*"$',
    )
]


@st.composite
def graphs(draw):
    count = draw(st.integers(min_value=0, max_value=5))
    layers = tuple(draw(st.lists(HOSTILE_TEXT, max_size=3)))
    nodes = tuple(
        GraphNode(
            key=f"n{i}",
            item_id=draw(HOSTILE_TEXT),
            label=draw(HOSTILE_TEXT),
            layer=draw(st.one_of(st.none(), st.sampled_from(layers) if layers else st.none())),
            styles=tuple(draw(st.lists(st.sampled_from(["inactive", "external"]), max_size=2))),
            target=draw(st.one_of(st.none(), st.tuples(HOSTILE_TEXT, HOSTILE_TEXT))),
        )
        for i in range(1, count + 1)
    )
    keys = [n.key for n in nodes]
    edges = (
        tuple(draw(st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(keys)))))
        if keys
        else ()
    )
    direction = draw(st.one_of(st.sampled_from(["TB", "LR"]), HOSTILE_TEXT))
    return Graph(nodes, edges, layers, direction)


@pytest.mark.slow
@given(graphs(), HOSTILE_TEXT)
def test_mermaid_code_has_only_generated_statements(graph, prefix):
    code = mermaid_code(graph, lambda docname, anchor: f"{prefix}{docname}.html#{anchor}")
    lines = code.splitlines()
    for line in lines:
        assert any(p.match(line) for p in _LINE_PATTERNS), repr(line)
    clicks = [line for line in lines if line.lstrip().startswith("click")]
    assert len(clicks) == sum(1 for n in graph.nodes if n.target is not None)
    assert "%%" not in code  # never a comment or a directive


# -- filters on every kind ----------------------------------------------------------

_PLAIN = st.text(alphabet=string.ascii_letters + string.digits + " -_.é", min_size=1, max_size=12)
_PLAIN = _PLAIN.map(lambda t: " ".join(t.split())).filter(bool)
_IDS = ["c1", "c2", "c3", "ADR-1"]


def _field_value(spec):
    if spec.type is FieldType.ENUM:
        return st.sampled_from(CONFIG.enum_values(spec.enum))
    if spec.type is FieldType.DATE:
        return st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)).map(dt.date.isoformat)
    if spec.type is FieldType.LIST:
        return st.lists(_PLAIN, min_size=1, max_size=3).map(tuple)
    if spec.type is FieldType.REF:
        return st.sampled_from(_IDS)
    if spec.type in (FieldType.REFS, FieldType.ADR_REFS):
        return st.lists(st.sampled_from(_IDS), min_size=1, max_size=2).map(tuple)
    if spec.type is FieldType.ADR_STATUS:
        return st.sampled_from(["accepted", "Superceded", "proposed", "weird"])
    if spec.name in ("target", "current"):
        return st.sampled_from(["< 200 ms", "150 ms", "250ms", "TBD", ">= 99.9%"])
    return _PLAIN


@st.composite
def items_of(draw, kind):
    spec = KINDS[kind]
    count = draw(st.integers(min_value=0, max_value=5))
    items = []
    for n in range(count):
        fields = {}
        for field_spec in spec.fields:
            if draw(st.booleans()):
                fields[field_spec.name] = draw(_field_value(field_spec))
        item_id = f"doc{n}" if not spec.has_id else (f"ADR-{n + 2}" if kind == "adr" else f"x{n}")
        items.append(Item(kind, item_id, f"doc{n}", n + 1, f"{kind}-{n}", fields))
    return items


def _index(items):
    components = [Item("component", c, "base", i, c, {}) for i, c in enumerate(_IDS[:3])]
    return index_of([*components, *items], config=CONFIG, today=TODAY)


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(KINDS))
@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_a_filter_and_its_negation_split_the_items(kind, data):
    index = _index(data.draw(items_of(kind)))
    everything = {i.id for i in index.kind_items(kind)}
    name = data.draw(st.sampled_from([n for n in column_names(kind) if n != "kind"]))
    allowed = allowed_values(kind, name, CONFIG)
    seen_words = sorted({w for i in index.kind_items(kind) for w in as_words(index.value(i, name))})
    candidates = [*(allowed or ()), *seen_words, "zz-none"]
    value = data.draw(st.sampled_from(candidates))
    assume(value.strip() and "," not in value and not value.startswith("!"))
    assume(value == " ".join(value.split()))
    chosen, problems = parse_query(kind, {name: value}, CONFIG)
    rest, rest_problems = parse_query(kind, {name: "!" + value}, CONFIG)
    if problems or rest_problems:
        assert allowed is not None
        assert value.lower() not in allowed
        return
    selected = {i.id for i in chosen.select(index)}
    others = {i.id for i in rest.select(index)}
    assert selected | others == everything
    assert not selected & others


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(KINDS))
@given(data=st.data())
@settings(max_examples=30, deadline=None)
def test_any_options_give_a_sorted_subset_without_raising(kind, data):
    index = _index(data.draw(items_of(kind)))
    names = [*column_names(kind), *COMMON_OPTIONS, "min-score", "bogus", "external"]
    options = data.draw(st.dictionaries(st.sampled_from(names), HOSTILE_TEXT, max_size=4))
    query, problems = parse_query(kind, options, CONFIG)
    for problem in problems:
        assert problem.check in ("invalid_value", "unknown_option")
    selected = query.select(index)
    assert {i.id for i in selected} <= {i.id for i in index.kind_items(kind)}
    assert len(selected) == len({(i.id, i.docname) for i in selected})
    # The same query twice gives the same order: sorting is deterministic.
    assert [i.id for i in query.select(index)] == [i.id for i in selected]


@given(
    st.dictionaries(
        st.sampled_from(["check", "severity", "docname", "columns", "sort", "caption", "x"]),
        HOSTILE_TEXT,
        max_size=4,
    ),
    st.lists(
        st.builds(
            Finding,
            st.sampled_from(["duplicate_id", "unknown_component", "perf_missed"]),
            HOSTILE_TEXT,
            st.one_of(st.none(), st.sampled_from(["a", "b/c"])),
            st.one_of(st.none(), st.integers(min_value=1, max_value=99)),
            st.sampled_from(["warning", "info"]),
        ),
        max_size=6,
    ),
)
def test_finding_filters_never_raise_and_select_a_subset(options, findings):
    query, problems = parse_finding_query(options, CONFIG)
    assert all(p.check in ("invalid_value", "unknown_option") for p in problems)
    selected = query.select(findings)
    assert all(f in findings for f in selected)


def test_a_reference_of_thousands_of_digits_is_unknown_not_a_crash():
    index = index_of((), config=CONFIG, today=TODAY)
    assert resolve_adr_reference(index, "ADR-" + "1" * 5000) is None
    assert parse_filename("1" * 5000 + "-x") is None


# -- configuration -------------------------------------------------------------------

CONFIG_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-3, max_value=30),
        st.floats(allow_nan=True),
        st.sampled_from(["low", "high", "data", "warning", "off", "ADR-{number:03d}", "{x}"]),
        st.text(max_size=8),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(
            st.one_of(st.sampled_from(["component", "low", "duplicate_id", "pay"]), st.text()),
            children,
            max_size=3,
        ),
    ),
    max_leaves=10,
)


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_any_config_value_is_accepted_or_rejected_with_its_name(data):
    from sphinx_archdoc.core.config import CONFIG_SPECS, ConfigValueError, validate

    spec = data.draw(st.sampled_from(CONFIG_SPECS))
    value = data.draw(CONFIG_VALUES)
    try:
        validate({spec.name: value})
    except ConfigValueError as exc:
        message = str(exc)
    else:
        ArchConfig.from_values({spec.name: value})  # an accepted value gives a typed config
        return
    assert spec.name in message
