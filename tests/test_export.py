"""archdoc.json: complete, valid against the published schema, reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOTS, build, write_project
from sphinx_archdoc.core import export

SCHEMA = json.loads(export.schema_path().read_text(encoding="utf-8"))

EVERY_KIND = {
    "index.rst": (
        "Index\n=====\n\n"
        ".. arch-status::\n   :status: draft\n   :next-review: 2999-01-01\n\n"
        ".. arch-component:: api\n   :title: API\n   :layer: application\n"
        "   :depends-on: db\n   :tags: edge, public\n\n   Routes requests.\n\n"
        ".. arch-component:: db\n   :layer: data\n\n"
        ".. arch-risk:: outage\n   :impact: high\n   :probability: high\n"
        "   :mitigation: Replicas\n   :components: db\n\n"
        ".. arch-debt:: td-1\n   :impact: high\n   :effort: low\n   :components: db\n\n"
        "   Hand-made backups.\n\n"
        ".. arch-perf-target:: latency\n   :metric: p95\n   :target: < 200 ms\n"
        "   :current: 180ms\n   :component: api\n\n"
        ".. arch-adr:: ADR-001\n   :title: Database choice\n   :status: accepted\n\n"
        ".. arch-question:: q1\n   :title: Which queue?\n   :due: 2999-01-01\n\n"
        "See :arch:comp:`nowhere`.\n\n"
        ".. toctree::\n\n   page\n"
    ),
    "page.md": "# Page\n\n```{arch-component} web\n:layer: presentation\n:depends-on: api\n```\n",
}


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_export_has_every_kind_with_fields_computed_and_urls(make_project):
    result = build(make_project(EVERY_KIND))
    document = result.json()
    validate(document)
    assert document["schema_version"] == 1
    assert document["project"] == "Test"
    assert document["generator"].startswith("sphinx-archdoc ")
    kinds = {item["kind"] for item in document["items"]}
    assert kinds == {"component", "risk", "debt", "perf-target", "adr", "question", "status"}
    items = result.items()
    assert items["api"]["fields"]["depends-on"] == ["db"]
    assert items["api"]["fields"]["tags"] == ["edge", "public"]
    assert items["api"]["url"] == "index.html#component-api"
    assert items["api"]["description"] == "Routes requests."
    assert items["web"]["url"] == "page.html#component-web"
    assert items["db"]["computed"]["dependents"] == ["api"]
    assert items["db"]["computed"]["risks"] == ["outage"]
    assert items["outage"]["computed"] == {"band": "high", "score": 9, "description": ""}
    assert items["api"]["computed"]["description"] == "Routes requests."
    assert items["td-1"]["fields"] == {
        "components": ["db"],
        "effort": "low",
        "impact": "high",
        "status": "open",
    }
    assert items["td-1"]["computed"] == {"description": "Hand-made backups."}
    assert items["db"]["computed"]["debt"] == ["td-1"]
    assert items["latency"]["computed"]["status"] == "met"
    assert items["ADR-001"]["computed"]["number"] == 1
    assert [f["check"] for f in document["findings"]] == ["unknown_component"]


@pytest.mark.slow
def test_every_test_root_exports_valid_json(tmp_path):
    # conftest.build() validates every archdoc.json a test writes; this test
    # also builds the roots no other test happens to build.
    roots = sorted(p for p in ROOTS.glob("test-*") if (p / "conf.py").exists())
    if not roots:
        pytest.skip("no test roots yet")
    for root in roots:
        target = tmp_path / root.name
        target.mkdir()
        for path in root.rglob("*"):
            if path.is_file():
                dest = target / path.relative_to(root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(path.read_bytes())
        result = build(target)
        validate(result.json())


@pytest.mark.slow
def test_example_project_exports_valid_json(tmp_path):
    example = Path(__file__).parent.parent / "example_project"
    result = build_copy(example, tmp_path / "example")
    validate(result.json())
    assert len(result.json()["items"]) > 10


def build_copy(source: Path, target: Path, **kwargs):
    for path in source.rglob("*"):
        if path.is_file() and "_build" not in path.parts:
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())
    return build(target, **kwargs)


@pytest.mark.slow
def test_export_is_byte_identical_across_clean_serial_and_parallel_builds(tmp_path):
    outputs = []
    for name, parallel in (("a", 0), ("b", 0), ("c", 2)):
        src = write_project(tmp_path / name, EVERY_KIND)
        result = build(src, parallel=parallel, freshenv=True)
        outputs.append((result.outdir / "archdoc.json").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_json_export_off_writes_no_file(make_project):
    src = make_project(EVERY_KIND, conf="archdoc_json_export = False\n")
    result = build(src)
    assert not (result.outdir / "archdoc.json").exists()


def test_text_builder_writes_no_json(make_project):
    result = build(make_project(EVERY_KIND), "text")
    assert not (result.outdir / "archdoc.json").exists()


def test_archdoc_builder_writes_only_the_json_with_html_urls(make_project):
    src = make_project(EVERY_KIND, conf="archdoc_json_export = False\n")
    html = build(make_project(EVERY_KIND)).outdir / "archdoc.json"
    result = build(src, "archdoc")
    files = sorted(p.name for p in result.outdir.iterdir())
    assert files == ["archdoc.json"]
    assert (result.outdir / "archdoc.json").read_bytes() == html.read_bytes()
    assert result.archdoc_warnings() == [
        line for line in result.archdoc_warnings() if "unknown_component" in line
    ]


def test_archdoc_builder_in_parallel_gives_the_same_bytes(make_project):
    serial = build(make_project(EVERY_KIND), "archdoc")
    parallel = build(make_project(EVERY_KIND), "archdoc", parallel=2)
    assert (serial.outdir / "archdoc.json").read_bytes() == (
        parallel.outdir / "archdoc.json"
    ).read_bytes()


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("index.html#component-api", True),
        ("sub/page/#x", True),
        ("https://example.org/a.html", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example/x", False),
        ("/absolute/path.html", False),
        ("file:///etc/passwd", False),
        ("page.html\nx", False),
    ],
)
def test_only_http_urls_and_relative_paths_are_safe(url, safe):
    assert export.is_safe_url(url) is safe


# -- the writer: byte for byte what the standard library writes ---------------------

_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def _reference(document: object) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.mark.slow
@given(document=st.dictionaries(st.text(max_size=8), _JSON, max_size=5))
@settings(max_examples=300, deadline=None)
def test_dumps_writes_what_json_dumps_writes(document):
    assert export.dumps(document) == _reference(document)


@pytest.mark.parametrize(
    "document",
    [
        {"items": [], "x": {}, "nested": [[], {}, [[]]]},
        {"text": 'quote " backslash \\ tab \t newline \n é 🎉 \x00 \u2028'},
        {"numbers": [0, -1, 10**30, 1.5, 1e-7, 1e22, float("nan"), float("inf"), -float("inf")]},
        {"flags": [True, False, None]},
        # Types the writer leaves to the standard library: the result is the same.
        {"keys": {1: "one", 2: "two"}},
        {"subclass": type("Tag", (str,), {})("x")},
        {"enum-like": type("Level", (int,), {})(3)},
    ],
)
def test_dumps_matches_json_dumps_on_edge_cases(document):
    assert export.dumps(document) == _reference(document)
