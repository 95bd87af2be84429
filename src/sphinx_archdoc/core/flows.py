"""Runtime flows (C4 dynamic views): the steps of an ``arch-flow`` (DESIGN 2.11).

Pure: no Sphinx import.  A flow's body has one step per line,
``SOURCE -> TARGET: what happens``, with ``-->`` for a reply.  :func:`parse_steps`
reads a body and says which lines are not steps; :func:`sequence_mermaid`
writes a numbered Mermaid sequence diagram, every piece of user text escaped
with :func:`~sphinx_archdoc.core.graph.mermaid_label` as in the graphs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from sphinx_archdoc.core.c4views import Relation, nearest_visible
from sphinx_archdoc.core.graph import mermaid_label, mermaid_url
from sphinx_archdoc.core.hierarchy import Hierarchy
from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import EXTERNAL_ID_RE, ID_RE

# A target may be another project's ``project:ID``: its colon is followed by
# the ID and then the step's own colon (``a -> payments:api: charge``).
_STEP_RE = re.compile(
    r"^\s*(?P<source>\S+?)\s*(?P<arrow>-->|->)\s*"
    r"(?P<target>[^\s:]+(?::[A-Za-z0-9][A-Za-z0-9_.-]*(?=\s*:))?)\s*:(?P<what>.*)$"
)


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    what: str
    reply: bool = False

    def __str__(self) -> str:
        """The step as written, normalised (what ``archdoc.json`` holds)."""
        return f"{self.source} {'-->' if self.reply else '->'} {self.target}: {self.what}"


@dataclass(frozen=True)
class StepError:
    #: 0-based position of the line in the body.
    offset: int
    message: str


def _is_element(text: str) -> bool:
    return bool(ID_RE.match(text) or EXTERNAL_ID_RE.match(text))


def parse_step(line: str) -> Step | str:
    """One step, or what is wrong with the line."""
    match = _STEP_RE.match(line)
    if match is None:
        return _("{line!r} is not SOURCE -> TARGET: what happens (or --> for a reply)").format(
            line=line.strip()[:60]
        )
    source, target = match.group("source"), match.group("target")
    bad = [end for end in (source, target) if not _is_element(end)]
    if bad:
        return _("{end!r} is not a component or actor ID (or project:ID)").format(end=bad[0])
    what = " ".join(match.group("what").split())
    if not what:
        return _("the step {source} -> {target} says nothing after ':'").format(
            source=source, target=target
        )
    return Step(source, target, what, reply=match.group("arrow") == "-->")


def parse_steps(lines: Iterable[str]) -> tuple[list[Step], list[StepError]]:
    """The steps of a body, blank lines skipped, and the lines that are not steps."""
    steps: list[Step] = []
    errors: list[StepError] = []
    for offset, line in enumerate(lines):
        if not line.strip():
            continue
        parsed = parse_step(line)
        if isinstance(parsed, Step):
            steps.append(parsed)
        else:
            errors.append(StepError(offset, parsed))
    return steps, errors


def elements(steps: Iterable[Step]) -> list[str]:
    """Every element the steps touch, once, in order of first appearance."""
    return list(dict.fromkeys(end for step in steps for end in (step.source, step.target)))


def is_declared(step: Step, relations: Sequence[Relation], hierarchy: Hierarchy) -> bool:
    """A relation connects the step's two ends in either direction, directly or
    through elements inside them (the implied-relationship rule of the views)."""
    if step.source == step.target:
        return True
    pair = {step.source, step.target}
    for relation in relations:
        ends = (
            nearest_visible(relation.source, pair, hierarchy),
            nearest_visible(relation.target, pair, hierarchy),
        )
        if ends in ((step.source, step.target), (step.target, step.source)):
            return True
    return False


_ENTITY_OR_SEMICOLON = re.compile(r"(#(?:\d+|[a-z]+);)|;")


def sequence_text(text: str) -> str:
    """User text for a sequence diagram: :func:`mermaid_label`, and a ``;``
    (a statement separator there) as an entity too."""
    return _ENTITY_OR_SEMICOLON.sub(lambda m: m.group(1) or "#59;", mermaid_label(text))


@dataclass(frozen=True)
class Participant:
    element_id: str
    title: str
    person: bool = False
    #: Where the participant links to: (docname, anchor); None when it has no page here.
    target: tuple[str, str] | None = None


def sequence_mermaid(
    steps: Sequence[Step],
    participants: Mapping[str, Participant],
    url_for: Callable[[str, str], str] | None = None,
) -> str:
    """A numbered ``sequenceDiagram``: participants in order of appearance."""
    keys = {element: f"p{i}" for i, element in enumerate(elements(steps), start=1)}
    lines = ["sequenceDiagram", "  autonumber"]
    for element, key in keys.items():
        participant = participants[element]
        shape = "actor" if participant.person else "participant"
        lines.append(f"  {shape} {key} as {sequence_text(participant.title)}")
    for step in steps:
        arrow = "-->>" if step.reply else "->>"
        lines.append(f"  {keys[step.source]}{arrow}{keys[step.target]}: {sequence_text(step.what)}")
    if url_for is not None:
        for element, key in keys.items():
            target = participants[element].target
            # Mermaid (11.12) draws nothing at all for a diagram with a link
            # on an actor (a stick figure): people keep their shape, unlinked.
            if target is not None and not participants[element].person:
                # A bare "#" ends the URL in a sequence diagram: its entity keeps the anchor.
                url = mermaid_url(url_for(*target)).replace("#", "#35;")
                lines.append(f"  link {key}: {sequence_text(element)} @ {url}")
    return "\n".join(lines) + "\n"
