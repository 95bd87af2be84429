"""Summary directives: validate options now, render after all documents are read."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes

from sphinx_archdoc.core.i18n import _
from sphinx_archdoc.core.model import Reference, SummaryCall
from sphinx_archdoc.core.options import split_list
from sphinx_archdoc.directives.items import AnyOption, ArchDirective
from sphinx_archdoc.domain import arch_config, get_domain
from sphinx_archdoc.render.nodes import archdoc_summary
from sphinx_archdoc.summaries import SUMMARIES, SummarySpec, parse_summary_options


class SummaryDirective(ArchDirective):
    summary: ClassVar[SummarySpec]
    # Arguments and content are accepted only to be reported as archdoc
    # warnings (with the option names that are allowed) instead of docutils
    # errors that drop the directive.
    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = AnyOption()

    def run(self) -> list[nodes.Node]:
        self.report_repeated_options()
        if self.arguments:
            self.report(
                "invalid_value",
                _("takes no argument (got {argument!r}); use options to filter").format(
                    argument=self.arguments[0][:60]
                ),
            )
        if self.content:
            self.report("invalid_value", _("takes no content; the content is ignored"))
        options = {name: (value or "") for name, value in self.options.items()}
        _query, problems = parse_summary_options(self.summary, options, arch_config(self.env))
        for problem in problems:
            self.report(problem.check, str(problem))
        domain = get_domain(self.env)
        source, line = self.source_and_line()
        for option in self.summary.component_options:
            for target in split_list(options.get(option, "")):
                domain.note_reference(
                    Reference(
                        kind="comp",
                        target=target,
                        docname=self.env.docname,
                        lineno=line,
                        source=source,
                        relation=f"{self.name} :{option}:",
                    )
                )
        node = archdoc_summary(
            "",
            directive=self.name,
            options=options,
            docname=self.env.docname,
        )
        self.set_source_info(node)
        domain.note_summary(self.env.docname)
        domain.note_summary_call(
            SummaryCall(self.name, tuple(sorted(options.items())), self.env.docname, line, source)
        )
        return [node]


def make_summary_directive(spec: SummarySpec) -> type[SummaryDirective]:
    name = spec.directive.removeprefix("arch-").title().replace("-", "") + "Directive"
    return type(name, (SummaryDirective,), {"summary": spec})


def summary_directives() -> dict[str, type[SummaryDirective]]:
    return {name: make_summary_directive(spec) for name, spec in SUMMARIES.items()}
