"""``archdoc_external``: other projects' ``archdoc.json``, loaded once per build.

Each configured project is read from a local path or fetched over http(s)
with a timeout, validated (:func:`sphinx_archdoc.core.export.loads`) and kept as
plain data in the environment.  Fetched data is reused until it is older than
``archdoc_external_cache_limit`` days, like intersphinx's inventories; local
files are read again on every build (it is cheap and always current).

No Sphinx import: the Sphinx event handler lives in ``sphinx_setup``.
"""

from __future__ import annotations

import contextlib
import http.client
import posixpath
import socket
import threading
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx_archdoc.core import export
from sphinx_archdoc.core.export import REFERENCE_COMPUTED, REFERENCE_FIELDS
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.index import Index
from sphinx_archdoc.core.model import Item


@dataclass(frozen=True)
class Source:
    """Where one external project's data is read from, and where links go."""

    name: str
    #: Base of the links: an http(s) URL, or a path (relative to the output root).
    base: str
    #: Where ``archdoc.json`` is read: an http(s) URL or a path.
    location: str

    @property
    def is_remote(self) -> bool:
        return is_http(self.location)


def is_http(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https")


def is_absolute_url(text: str) -> bool:
    return urlsplit(text).scheme in ("http", "https", "file")


def _json_location(base: str) -> str:
    if base.endswith(".json"):
        return base
    return base.rstrip("/") + "/" + export.FILENAME


def _link_base(base: str) -> str:
    if base.endswith(".json"):
        return posixpath.dirname(base) if is_http(base) else str(Path(base).parent)
    return base


def sources(value: Mapping[str, Any]) -> list[Source]:
    """The sources of ``archdoc_external``: ``name -> base`` or ``name -> (base, location)``."""
    result = []
    for name, spec in sorted(value.items()):
        if isinstance(spec, str):
            base, location = _link_base(spec), _json_location(spec)
        else:
            base, location = spec[0], spec[1] if spec[1] else _json_location(spec[0])
        result.append(Source(name, base, location))
    return result


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) URLs only (urllib also follows ``ftp:``)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_http(newurl):
            fp.close()  # urllib would close it after following the redirect
            raise export.ExternalDataError(
                _("redirected to {url!r}, not an http(s) URL").format(url=newurl[:80])
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Connections:
    """The sockets of one fetch, so that a fetch past its deadline can be cut off."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._closed = False

    def note(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            closed = self._closed
        if closed:
            _shut(sock)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    # shutdown() wakes a thread blocked in recv() on this socket; close() alone does not.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


def _handlers(connections: _Connections) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections are noted in ``connections``."""

    class Http(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            connections.note(self.sock)

    class Https(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            connections.note(self.sock)

    class HttpHandler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Http, req)

    class HttpsHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Https, req)

    return [HttpHandler(), HttpsHandler(), _HttpOnlyRedirects()]


def _download(location: str, deadline: float, connections: _Connections) -> bytes:
    """The body at ``location``, of at most :data:`export.MAX_BYTES` bytes (one
    more tells that it is too large); raises :class:`TimeoutError` at ``deadline``."""
    request = urllib.request.Request(  # noqa: S310 - only http(s): checked by the config
        location, headers={"User-Agent": "sphinx-archdoc"}
    )
    opener = urllib.request.build_opener(*_handlers(connections))
    # The socket timeout bounds each wait; the deadline bounds the whole fetch.
    timeout = max(deadline - time.monotonic(), 0.001)
    with opener.open(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > export.MAX_BYTES:
            raise export.too_large()
        chunks: list[bytes] = []
        size = 0
        while size <= export.MAX_BYTES:
            if time.monotonic() >= deadline:
                raise TimeoutError
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def _late(timeout: float) -> export.ExternalDataError:
    return export.ExternalDataError(
        _("no complete answer within {seconds:g} s (archdoc_external_timeout)").format(
            seconds=timeout
        )
    )


def fetch_all(
    remote: Sequence[Source], timeout: float
) -> dict[str, dict[str, Any] | export.ExternalDataError]:
    """Fetch every remote source at once, all within ``timeout`` seconds.

    Each source's validated data, or the problem with it.  A source that has
    not answered completely by the deadline is abandoned and its connection
    closed: a server that trickles bytes cannot hold the build.
    """
    deadline = time.monotonic() + timeout
    connections = {source.name: _Connections() for source in remote}
    results: dict[str, dict[str, Any] | export.ExternalDataError] = {}

    def fetch(source: Source) -> None:
        try:
            payload = _download(source.location, deadline, connections[source.name])
            results[source.name] = export.loads(payload)
        except export.ExternalDataError as exc:
            results[source.name] = exc
        except TimeoutError:
            results[source.name] = _late(timeout)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                results[source.name] = _late(timeout)
                return
            # What a server says is shown on one line, shortened: it cannot
            # forge lines of the build log.
            problem = " ".join(str(exc).split())[:200] or type(exc).__name__
            results[source.name] = export.ExternalDataError(
                _("cannot fetch {location}: {problem}").format(
                    location=source.location, problem=problem
                )
            )
        finally:
            connections[source.name].close()

    # Daemon threads: one that is stuck past the deadline never delays the exit.
    threads = [
        threading.Thread(target=fetch, args=(source,), name="archdoc-fetch", daemon=True)
        for source in remote
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    answered: dict[str, dict[str, Any] | export.ExternalDataError] = {}
    for source, thread in zip(remote, threads, strict=True):
        result = results.get(source.name)
        if thread.is_alive() or result is None:
            connections[source.name].close()
            result = _late(timeout)
        answered[source.name] = result
    return answered


def read_local(source: Source, srcdir: Path) -> dict[str, Any]:
    """Read and validate a project's data from a file; raises :class:`ExternalDataError`."""
    path = srcdir / source.location
    try:
        with path.open("rb") as handle:
            payload = handle.read(export.MAX_BYTES + 1)
    except OSError as exc:
        raise export.ExternalDataError(
            _("cannot read {path}: {problem}").format(path=path, problem=exc.strerror or exc)
        ) from None
    return export.loads(payload)


def link_for(source_base: str, url: str) -> str:
    """The link to an imported item: its URL under the other site's base.

    Returns an absolute URL (http(s), ``file:``) or a path relative to the root
    of this project's output.
    """
    if is_http(url):
        return url
    if is_http(source_base):
        return source_base.rstrip("/") + "/" + url
    if Path(source_base).is_absolute():
        return Path(source_base).as_uri().rstrip("/") + "/" + url
    base = source_base.replace("\\", "/").rstrip("/")
    return f"{base}/{url}" if base and base != "." else url


def is_fresh(entry: Mapping[str, Any], source: Source, now: float, cache_days: float) -> bool:
    """Whether cached data for ``source`` can be used without fetching again."""
    if not source.is_remote or entry.get("location") != source.location:
        return False
    if cache_days < 0:
        return True
    fetched = entry.get("fetched")
    return isinstance(fetched, int | float) and now - fetched < cache_days * 86400


#: Fields that name elements of the imported project besides the references
#: every kind has: a relation's ends and the components a person uses, so the
#: project's relations and people can be drawn in this project's views.
ELEMENT_FIELDS = REFERENCE_FIELDS | {"source", "target", "uses"}


def add_external(index: Index, project: str, data: Mapping[str, Any]) -> None:
    """Add one external project's validated records to the index.

    A relation has no ID of its own; it is kept as ``project:#N`` (its place
    in the other project's list), which no reference can name."""

    def prefixed(value: Any) -> Any:
        if isinstance(value, str):
            return value if ":" in value else f"{project}:{value}"
        return tuple(prefixed(v) for v in value)

    index.external_projects.add(project)
    for position, record in enumerate(data.get("items", ())):
        full_id = f"{project}:{record['id'] or f'#{position}'}"
        fields: dict[str, Any] = {}
        for name, value in record["fields"].items():
            fields[name] = (
                prefixed(value)
                if name in ELEMENT_FIELDS
                else (tuple(value) if isinstance(value, list) else value)
            )
        computed: dict[str, Any] = {}
        for name, value in record["computed"].items():
            if name in REFERENCE_COMPUTED and isinstance(value, list):
                computed[name] = [prefixed(str(v)) for v in value if v is not None]
            else:
                computed[name] = value
        item = Item(
            kind=record["kind"],
            id=full_id,
            docname=f"{project}:{record['docname']}",
            lineno=0,
            anchor="",
            fields=fields,
            description=record["description"],
        )
        index.external[full_id] = item
        index.external_urls[full_id] = link_for(str(data.get("base", "")), record["url"])
        index.computed[(item.kind, full_id)] = computed
