"""``archdoc_external``: other projects' ``archdoc.json``, loaded once per build.

Each configured project is read from a local path or fetched over http(s)
with a timeout, validated (:func:`sphinx_archdoc.core.export.loads`) and kept as
plain data in the environment.  Fetched data is reused until it is older than
``archdoc_external_cache_limit`` days, like intersphinx's inventories; local
files are read again on every build (it is cheap and always current).

No Sphinx import: the Sphinx event handler lives in ``sphinx_setup``.
"""

from __future__ import annotations

import posixpath
import urllib.request
from collections.abc import Mapping
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
            raise export.ExternalDataError(
                _("redirected to {url!r}, not an http(s) URL").format(url=newurl[:80])
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_source(source: Source, srcdir: Path, timeout: float) -> dict[str, Any]:
    """Read and validate one project's data; raises :class:`ExternalDataError`."""
    if source.is_remote:
        request = urllib.request.Request(  # noqa: S310 - only http(s), checked above
            source.location, headers={"User-Agent": "sphinx-archdoc"}
        )
        opener = urllib.request.build_opener(_HttpOnlyRedirects())
        try:
            with opener.open(request, timeout=timeout) as response:
                payload: bytes = response.read(export.MAX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise export.ExternalDataError(
                _("cannot fetch {location}: {problem}").format(
                    location=source.location, problem=exc
                )
            ) from None
    else:
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


def add_external(index: Index, project: str, data: Mapping[str, Any]) -> None:
    """Add one external project's validated records to the index."""

    def prefixed(value: Any) -> Any:
        if isinstance(value, str):
            return value if ":" in value else f"{project}:{value}"
        return tuple(prefixed(v) for v in value)

    index.external_projects.add(project)
    for record in data.get("items", ()):
        full_id = f"{project}:{record['id']}"
        fields: dict[str, Any] = {}
        for name, value in record["fields"].items():
            fields[name] = (
                prefixed(value)
                if name in REFERENCE_FIELDS
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
