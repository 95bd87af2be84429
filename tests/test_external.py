"""archdoc_external: importing other projects' archdoc.json (path and http)."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import build, mermaid_shown, table_rows, write_project
from sphinx_archdoc.core import export

PAYMENTS = {
    "index.rst": (
        "Payments\n========\n\n"
        ".. arch-component:: payment-api\n   :title: Payment API\n   :layer: application\n"
        "   :depends-on: ledger\n\n"
        ".. arch-component:: ledger\n   :title: Ledger\n   :layer: data\n\n"
        ".. arch-risk:: fraud\n   :title: Card fraud\n   :impact: high\n"
        "   :probability: medium\n   :mitigation: Scoring\n   :components: payment-api\n\n"
        ".. arch-adr:: ADR-004\n   :title: Event sourcing\n   :status: accepted\n"
    ),
}

PORTAL_INDEX = (
    "Portal\n======\n\n"
    ".. arch-component:: shop\n   :title: Shop\n   :layer: presentation\n"
    "   :depends-on: payments:payment-api\n\n"
    ".. arch-risk:: churn\n   :impact: low\n   :probability: low\n"
    "   :components: payments:ledger\n\n"
    "Payments are handled by :arch:comp:`payments:payment-api`, see "
    ":arch:adr:`payments:ADR-4`.\n\n"
    ".. arch-component-table::\n   :external:\n   :columns: id, title, layer, depends-on\n\n"
    ".. arch-risk-register::\n   :columns: id, score\n\n"
    ".. toctree::\n\n   sub/page\n"
)
SUB_PAGE = "Sub\n===\n\nSee :arch:ref:`payments:ledger`.\n"


def portal_files(index: str = PORTAL_INDEX) -> dict[str, str]:
    return {"index.rst": index, "sub/page.rst": SUB_PAGE}


@pytest.fixture
def payments_site(tmp_path: Path) -> Path:
    """The payments project built with ``-b archdoc``: its archdoc.json folder."""
    result = build(write_project(tmp_path / "payments", PAYMENTS), "archdoc")
    return result.outdir


def test_portal_resolves_and_links_items_of_an_imported_project(tmp_path, payments_site):
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {str(payments_site)!r}}}\n",
    )
    result = build(portal)
    assert result.archdoc_warnings() == []
    soup = result.html()
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.select("a.archdoc-external")}
    base = payments_site.as_uri()
    assert links["Payment API"] == f"{base}/index.html#component-payment-api"
    assert links["ADR-004: Event sourcing (accepted)"] == f"{base}/index.html#adr-adr-004"
    assert all(
        a.get("class") and "external" in a["class"] for a in soup.select("a.archdoc-external")
    )
    rows = table_rows(soup, "archdoc-component-table")
    assert rows == [
        ["payments:ledger (external: payments)", "Ledger", "data", ""],
        [
            "payments:payment-api (external: payments)",
            "Payment API",
            "application",
            "payments:ledger",
        ],
        ["shop", "Shop", "presentation", "payments:payment-api"],
    ]
    marker = soup.select_one("table.archdoc-component-table .archdoc-external")
    assert marker is not None
    # Summaries without :external: list only the project's own items.
    assert table_rows(soup, "archdoc-risk-register") == [["churn", "1"]]


def test_imported_items_stay_out_of_the_export(tmp_path, payments_site):
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {str(payments_site)!r}}}\n",
    )
    result = build(portal)
    assert sorted(result.items()) == ["churn", "shop"]
    assert result.items()["shop"]["fields"]["depends-on"] == ["payments:payment-api"]


def test_relative_path_links_are_relative_to_each_page(tmp_path):
    payments = build(write_project(tmp_path / "payments", PAYMENTS), "archdoc")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "payments").mkdir()
    (tmp_path / "site" / "payments" / "archdoc.json").write_bytes(
        (payments.outdir / "archdoc.json").read_bytes()
    )
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf="archdoc_external = {'payments': ('../payments', '../site/payments/archdoc.json')}\n",
    )
    result = build(portal)
    assert result.archdoc_warnings() == []
    index_links = [a["href"] for a in result.html().select("a.archdoc-external")]
    assert "../payments/index.html#component-payment-api" in index_links
    sub_link = result.html("sub/page").select_one("a.archdoc-external")
    assert sub_link["href"] == "../../payments/index.html#component-ledger"


def test_unknown_id_of_a_loaded_project_is_reported_with_suggestions(tmp_path, payments_site):
    index = PORTAL_INDEX.replace(
        ":depends-on: payments:payment-api", ":depends-on: payments:paymnt-api"
    )
    portal = write_project(
        tmp_path / "portal",
        portal_files(index),
        conf=f"archdoc_external = {{'payments': {str(payments_site)!r}}}\n",
    )
    warnings = build(portal).archdoc_warnings()
    assert len(warnings) == 1
    assert (
        "index.rst:4: WARNING: component 'shop': :depends-on: names unknown component "
        in warnings[0]
    )
    assert "'payments:paymnt-api' (did you mean 'payments:payment-api'?)" in warnings[0]
    assert "[archdoc.unknown_component]" in warnings[0]


def test_missing_source_is_a_warning_and_the_build_goes_on(tmp_path):
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf="archdoc_external = {'payments': 'no/such/folder'}\n",
    )
    result = build(portal)
    warnings = result.archdoc_warnings()
    assert len(warnings) == 1
    assert "archdoc_external 'payments': cannot read" in warnings[0]
    assert "[archdoc.external_source]" in warnings[0]
    # References to the project are not reported again, and render as text.
    assert (result.outdir / "index.html").exists()
    assert result.json()["findings"][0]["check"] == "external_source"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "expected a JSON object"),
        (b'{"schema_version": 2, "items": []}', "unsupported schema_version 2"),
        (b'{"schema_version": 1, "items": {}}', "'items' must be a list"),
        (
            b'{"schema_version": 1, "items": [{"kind": "component", "id": "a b", "url": "x"}]}',
            "is not a valid ID",
        ),
        (
            b'{"schema_version": 1, "items": [{"kind": "component", "id": "a",'
            b' "url": "javascript:alert(1)"}]}',
            "is not an http(s) URL or relative path",
        ),
        (
            b'{"schema_version": 1, "items": [{"kind": "component", "id": "a", "url": "a.html",'
            b' "fields": {"layer": {"x": 1}}}]}',
            "expected a string",
        ),
        (b"[" * 50 + b"]" * 50, "nested deeper than"),
    ],
)
@pytest.mark.slow
def test_invalid_source_is_a_warning_naming_the_problem(tmp_path, content, problem):
    (tmp_path / "bad.json").write_bytes(content)
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {str(tmp_path / 'bad.json')!r}}}\n",
    )
    warnings = build(portal).archdoc_warnings()
    assert len(warnings) == 1
    assert problem in warnings[0]
    assert "[archdoc.external_source]" in warnings[0]


def test_oversized_source_is_rejected_before_parsing(monkeypatch):
    monkeypatch.setattr(export, "MAX_BYTES", 100)
    with pytest.raises(export.ExternalDataError, match="larger than"):
        export.loads(b" " * 101)


def test_too_many_items_are_rejected(monkeypatch):
    monkeypatch.setattr(export, "MAX_ITEMS", 2)
    items = [{"kind": "component", "id": f"c{i}", "url": "i.html"} for i in range(3)]
    with pytest.raises(export.ExternalDataError, match="more than 2 items"):
        export.validate_document({"schema_version": 1, "items": items})


def test_unknown_kinds_and_keys_are_ignored():
    data = export.validate_document(
        {
            "schema_version": 1,
            "future": True,
            "items": [
                {"kind": "component", "id": "a", "url": "i.html", "new-key": 1},
                {"kind": "gadget", "id": "g", "url": "i.html"},
            ],
        }
    )
    assert [i["id"] for i in data["items"]] == ["a"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def http_site(payments_site: Path) -> Iterator[tuple[str, http.server.HTTPServer]]:
    handler = functools.partial(_QuietHandler, directory=str(payments_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/docs/", server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.slow
def test_import_over_http_links_to_the_other_site_and_is_cached(tmp_path, http_site):
    url, server = http_site
    # The server serves the payments output at its root; links use the base given.
    base_url = url.replace("/docs/", "/")
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {base_url!r}}}\n",
    )
    result = build(portal)
    assert result.archdoc_warnings() == []
    links = [a["href"] for a in result.html().select("a.archdoc-external")]
    assert f"{base_url}index.html#component-payment-api" in links

    # The fetched data is cached in the environment: a rebuild after the site
    # went away still resolves, without a warning.
    server.shutdown()
    server.server_close()
    (portal / "sub" / "page.rst").write_text(SUB_PAGE + "\nChanged.\n", encoding="utf-8")
    again = build(portal)
    assert again.archdoc_warnings() == []
    assert again.html("sub/page").select_one("a.archdoc-external") is not None


@pytest.mark.slow
def test_unreachable_url_is_a_warning(tmp_path, http_site):
    url, server = http_site
    server.shutdown()
    server.server_close()
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {url!r}}}\narchdoc_external_timeout = 2\n",
    )
    warnings = build(portal).archdoc_warnings()
    assert len(warnings) == 1
    assert "archdoc_external 'payments': cannot fetch" in warnings[0]


def test_external_config_is_validated(tmp_path):
    from sphinx.errors import ConfigError

    portal = write_project(
        tmp_path / "portal", portal_files(), conf="archdoc_external = {'pay ments': 'x'}\n"
    )
    with pytest.raises(ConfigError, match="project name 'pay ments'"):
        build(portal)


def test_external_data_is_plain_json_data(tmp_path, payments_site):
    data = json.loads((payments_site / "archdoc.json").read_text(encoding="utf-8"))
    imported = export.validate_document(data)
    assert {i["id"] for i in imported["items"]} == {"payment-api", "ledger", "fraud", "ADR-004"}


@pytest.mark.slow
def test_changed_import_refreshes_summaries_in_an_incremental_build(tmp_path):
    payments_src = write_project(tmp_path / "payments", PAYMENTS)
    site = build(payments_src, "archdoc").outdir
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {str(site)!r}}}\n",
    )
    first = build(portal)
    assert len(table_rows(first.html(), "archdoc-component-table")) == 3
    (payments_src / "index.rst").write_text(
        PAYMENTS["index.rst"] + "\n.. arch-component:: vault\n   :layer: data\n",
        encoding="utf-8",
    )
    build(payments_src, "archdoc")
    second = build(portal)  # no source of the portal changed
    ids = [row[0] for row in table_rows(second.html(), "archdoc-component-table")]
    assert "payments:vault (external: payments)" in ids


@pytest.mark.slow
def test_parallel_build_with_imports_gives_the_same_pages(tmp_path, payments_site):
    pages = []
    for name, parallel in (("serial", 0), ("parallel", 2)):
        portal = write_project(
            tmp_path / name,
            portal_files(),
            conf=f"archdoc_external = {{'payments': {str(payments_site)!r}}}\n",
        )
        result = build(portal, parallel=parallel)
        pages.append(
            [str(result.html().select_one("table.archdoc-component-table")), result.json()]
        )
    assert pages[0] == pages[1]


class _RedirectToFtp(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1/archdoc.json")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.slow
def test_redirect_away_from_http_is_refused(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RedirectToFtp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        portal = write_project(
            tmp_path / "portal",
            portal_files(),
            conf=f"archdoc_external = {{'payments': {url!r}}}\n",
        )
        warnings = build(portal).archdoc_warnings()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert len(warnings) == 1
    assert "redirected to 'ftp://127.0.0.1/archdoc.json', not an http(s) URL" in warnings[0]


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Serves a valid archdoc.json, slowly: its headers or its body a byte at a
    time, spread over ``server.seconds`` (so the test is bounded even when the
    client never gives up).  Counts connections at once and connections the
    client cut off."""

    protocol_version = "HTTP/1.0"
    server: _TrickleServer

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.active += 1
            server.max_active = max(server.max_active, server.active)
        try:
            body = server.payload
            head = (
                "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            if server.slow == "garbage":
                self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
                return
            if server.slow == "flood":
                # No length, and more than any cap: only the client can stop it.
                self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
                for _chunk in range(40 * 16):
                    self.wfile.write(b"[" * 65536)
                return
            if server.slow == "headers":
                slow, rest = head, body
            else:
                self.wfile.write(head)
                slow, rest = body, b""
            pause = server.seconds / len(slow)
            for byte in slow:
                self.wfile.write(bytes([byte]))
                time.sleep(pause)
            self.wfile.write(rest)
        except OSError:
            with server.lock:
                server.cut_off += 1
        finally:
            with server.lock:
                server.active -= 1

    def log_message(self, format: str, *args: object) -> None:
        pass


class _TrickleServer(http.server.ThreadingHTTPServer):
    payload = b""
    seconds = 8.0
    slow = "body"

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Trickle)
        self.lock = threading.Lock()
        self.active = self.max_active = self.cut_off = 0


@pytest.fixture
def trickle_server(payments_site: Path) -> Iterator[_TrickleServer]:
    server = _TrickleServer()
    server.payload = (payments_site / "archdoc.json").read_bytes()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _wait_for(condition: Callable[[], bool], limit: float = 20.0) -> bool:
    """Whether ``condition`` holds within ``limit`` seconds (a bound, not a measurement)."""
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
@pytest.mark.parametrize("slow", ["headers", "body"])
def test_slow_sources_are_fetched_at_once_and_cut_off_at_the_deadline(
    tmp_path, trickle_server, slow
):
    """The server would deliver valid data after 8 s; with a 1 s deadline both
    sources are abandoned, fetched at the same time, and their connections closed."""
    trickle_server.slow = slow
    url = f"http://127.0.0.1:{trickle_server.server_address[1]}"
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=(
            f"archdoc_external = {{'payments': {url + '/a/'!r}, 'billing': {url + '/b/'!r}}}\n"
            "archdoc_external_timeout = 1\n"
        ),
    )
    result = build(portal)
    assert sorted(w.split("WARNING: ", 1)[1] for w in result.archdoc_warnings()) == [
        f"archdoc_external {name!r}: no complete answer within 1 s "
        "(archdoc_external_timeout) [archdoc.external_source]"
        for name in ("billing", "payments")
    ]
    ids = [row[0] for row in table_rows(result.html(), "archdoc-component-table")]
    assert ids == ["shop"]
    assert trickle_server.max_active == 2
    assert _wait_for(lambda: trickle_server.cut_off == 2)


@pytest.mark.slow
def test_an_endless_source_is_cut_off_at_the_size_cap(tmp_path, trickle_server):
    trickle_server.slow = "flood"
    url = f"http://127.0.0.1:{trickle_server.server_address[1]}/"
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf=f"archdoc_external = {{'payments': {url!r}}}\narchdoc_external_timeout = 60\n",
    )
    warnings = build(portal).archdoc_warnings()
    assert len(warnings) == 1
    assert "archdoc_external 'payments': larger than 16 MiB" in warnings[0]
    assert _wait_for(lambda: trickle_server.cut_off == 1)


@pytest.mark.slow
def test_a_broken_local_file_is_never_replaced_by_an_earlier_copy(tmp_path, payments_site):
    portal = write_project(
        tmp_path / "portal",
        portal_files(),
        conf="archdoc_external = {'payments': 'payments/archdoc.json'}\n",
    )
    (portal / "payments").mkdir()
    source = portal / "payments" / "archdoc.json"
    source.write_bytes((payments_site / "archdoc.json").read_bytes())
    first = build(portal)
    assert len(table_rows(first.html(), "archdoc-component-table")) == 3
    source.write_text("{broken", encoding="utf-8")
    incremental = build(portal)
    clean = build(portal, freshenv=True)
    for result in (incremental, clean):
        (warning,) = result.archdoc_warnings()
        assert "archdoc_external 'payments': not valid JSON" in warning
        assert "earlier" not in warning
        ids = [row[0] for row in table_rows(result.html(), "archdoc-component-table")]
        assert ids == ["shop"]


@pytest.mark.slow
def test_a_server_that_does_not_speak_http_is_a_warning(tmp_path, trickle_server):
    trickle_server.slow = "garbage"
    url = f"http://127.0.0.1:{trickle_server.server_address[1]}/"
    portal = write_project(
        tmp_path / "portal", portal_files(), conf=f"archdoc_external = {{'payments': {url!r}}}\n"
    )
    result = build(portal)
    assert "Traceback" not in result.warnings + result.status
    (warning,) = result.archdoc_warnings()
    assert f"archdoc_external 'payments': cannot fetch {url}archdoc.json: " in warning


PAYMENTS_C4 = (
    "Payments\n========\n\n"
    ".. arch-actor:: merchant\n   :title: Merchant\n   :uses: payment-api\n\n"
    ".. arch-component:: payment-api\n   :title: Payment API\n\n"
    ".. arch-component:: ledger\n   :title: Ledger\n\n"
    ".. arch-relation:: payment-api -> ledger\n   :label: Books charges\n   :technology: SQL\n\n"
    ".. arch-relation:: merchant -> ledger\n   :label: Reads statements\n"
)

PORTAL_C4 = (
    "Portal\n======\n\n"
    ".. arch-component:: portal\n   :type: system\n\n"
    ".. arch-component:: shop\n   :title: Shop\n   :type: container\n   :parent: portal\n"
    "   :depends-on: payments:payment-api, payments:ledger\n\n"
    ".. arch-dependency-graph::\n\n"
    ".. arch-dependency-graph::\n   :scope: portal\n"
)


def c4_arrows(code: str) -> set[tuple[str, str, str]]:
    """(from, to, label) of every edge, boxes named by their first line."""
    shown = mermaid_shown(code)
    titles = {
        key: label.split("<br>")[0]
        for key, label in re.findall(r"^\s*(n\d+|b\d+)\(?\[\"(.*?)<br>", shown, re.M)
    }
    titles.update(re.findall(r"^\s*subgraph (b\d+)\[\"(.*?)<br>", shown, re.M))
    edges = re.findall(r"^\s*(\w+) -->(?:\|\"([^\"]*)\"\|)? (\w+)$", shown, re.M)
    return {(titles[a], titles[b], label) for a, label, b in edges}


@pytest.mark.slow
@pytest.mark.parametrize("parallel", [0, 2])
def test_imported_relations_and_people_are_drawn_in_views(tmp_path, parallel):
    site = build(write_project(tmp_path / "payments", {"index.rst": PAYMENTS_C4}), "archdoc")
    data = json.loads((site.outdir / "archdoc.json").read_text(encoding="utf-8"))
    imported_data = export.validate_document(data)
    assert [(i["kind"], i["id"]) for i in imported_data["items"][2:]] == [
        ("actor", "merchant"),
        ("relation", ""),
        ("relation", ""),
    ]
    portal = write_project(
        tmp_path / "portal",
        {"index.rst": PORTAL_C4},
        conf=f"archdoc_external = {{'payments': {str(site.outdir)!r}}}\n",
    )
    result = build(portal, parallel=parallel)
    assert result.archdoc_warnings() == []
    flat, scoped = [pre.get_text() for pre in result.html().select("pre.mermaid")]
    imported = {
        # The other project's relations between elements this view shows ...
        ("Payment API (external)", "Ledger (external)", "Books charges [SQL]"),
        # ... and its people who use them.
        ("Merchant (external)", "Payment API (external)", ""),
        ("Merchant (external)", "Ledger (external)", "Reads statements"),
    }
    # (The shop is drawn as its system, portal: a flat view summarises children.)
    assert c4_arrows(flat) == {
        ("portal", "Payment API (external)", ""),
        ("portal", "Ledger (external)", ""),
        *imported,
    }
    assert re.search(r'n\d+\(\["Merchant \(external\)<br>\[Person\]', mermaid_shown(flat))
    # In the scoped view, only what talks to the inside is drawn around it.
    assert c4_arrows(scoped) == {
        ("Shop", "Payment API (external)", ""),
        ("Shop", "Ledger (external)", ""),
        ("Payment API (external)", "Ledger (external)", "Books charges [SQL]"),
    }


def test_an_imported_relation_with_a_bad_end_is_a_located_problem(tmp_path):
    document = {
        "schema_version": export.SCHEMA_VERSION,
        "items": [
            {"kind": "relation", "id": "", "url": "x.html", "fields": {"source": "a"}},
        ],
    }
    with pytest.raises(export.ExternalDataError, match=r"items\[0\]\.fields\.target"):
        export.validate_document(document)
    document["items"][0]["fields"] = {"source": "a b", "target": "c"}
    with pytest.raises(export.ExternalDataError, match="'a b' is not a valid ID"):
        export.validate_document(document)
