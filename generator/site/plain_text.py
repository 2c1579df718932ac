"""The site as clean text for other programs: ``llms.txt`` and a Markdown copy of every procedure, guide and help page.

Follows the llms.txt proposal (https://llmstxt.org/): an index at the site root with an H1, a one-line summary
in a quote, and H2 sections of links; each page's Markdown copy lives beside it as ``index.md.txt``
(``urls.markdown_url``; the proposal's ``index.html.md`` would be rendered as a page by MkDocs). Chat
assistants and search tools read these instead of scraping the HTML. The text is the same as on the pages (from the same YAML and ``docs/help/*.md``), without the page furniture.
"""

from __future__ import annotations

import re

from generator.hours_words import hours_line
from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, LifeEvent, Procedure
from generator.model.catalog import HelpPage
from generator.notices import notice_lines
from generator.output import GeneratedFile, SiteOutput
from generator.site import urls
from generator.site.pages import start_panel
from generator.town_words import site_name
from generator.vocabulary_words import vocabulary


def _online(online: str, words: StringTable) -> str:
    """Whether this town takes the procedure through マイナポータル (``LocalProcedure.online``), in words."""
    return {
        "yes": words.plain("plain_text.online_yes"),
        "no": words.plain("plain_text.online_no"),
        "unknown": words.plain("plain_text.online_unknown"),
    }[online]


def _method(method: str, words: StringTable) -> str:
    """The name of another way to apply (``OtherWay.method``)."""
    return {
        "counter": words.plain("plain_text.method_counter"),
        "post": words.plain("plain_text.method_post"),
        "other": words.plain("plain_text.method_other"),
    }[method]


def application_text(procedure: Procedure, details: bool, words: StringTable) -> str:
    """How to apply as plain lines: the numbered smartphone steps (with their details if asked), then the other ways.
    The HSDS ``application_process`` and the registry's ``procedureMethod`` hold this text."""
    steps = [f"{n}. {step.title}" + (f": {step.detail}" if details and step.detail else "") for n, step in enumerate(procedure.steps, start=1)]
    other = [f"{_method(way.method, words)}: {way.text}" for way in procedure.other_ways]
    smartphone, others = words.plain("plain_text.smartphone"), words.plain("plain_text.other_ways")
    return "\n".join([f"{smartphone}:", *steps, f"{others}:", *other])


def _one_line(value: str) -> str:
    return " ".join(_text(value).split())


def _text(value: str) -> str:
    """YAML text as Markdown text: ``<`` and ``>`` escaped, so a renderer can never read raw HTML from it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Writer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.terms = vocabulary(catalog.strings)
        self.words = string_table(catalog.strings)
        self.municipality = catalog.municipality
        self.here = urls.HOME
        """The folder of the file being written: links are relative to it when the public address is unknown."""

    def address(self, url: str) -> str:
        return _address(self.municipality.base_url, self.here, url)

    def procedure(self, procedure: Procedure) -> str:
        words = self.words
        self.here = urls.procedure_url(procedure)
        municipality = self.municipality
        local = municipality.local(procedure.id)
        department = municipality.department_for(procedure.id)
        start = start_panel(procedure, municipality, words)
        out = [f"# {_text(procedure.title)}", "", f"> {_text(procedure.summary)}", ""]
        out += [f"- {words.plain('plain_text.official_name')}: {_text(procedure.official_name)}",
                f"- {words.plain('plain_text.category')}: {self.terms.categories[procedure.category].label}",
                f"- {words.plain('plain_text.town')}: {municipality.prefecture} {municipality.name}",
                f"- {words.plain('plain_text.page')}: {self.address(urls.procedure_url(procedure))}",
                f"- {words.plain('plain_text.reviewed')}: {procedure.reviewed.isoformat()}", ""]
        out += [f"## {words.plain('plain_text.here')}", "", f"- {words.plain('plain_text.online')}: {_online(local.online, self.words)}"]
        if local.mynaportal_url:
            out.append(f"- {words.plain('plain_text.mynaportal_page')}: {local.mynaportal_url}")
        out.append(f"- {words.plain('plain_text.deadline')}: {_text(start.deadline)}")
        for line in notice_lines(self.catalog, procedure.id):
            out.append(f"- {words.plain('plain_text.notice')}: {_text(line.text)}")
        if local.note:
            out.append(f"- {words.plain('plain_text.note')}: {_text(local.note)}")
        out.append("")
        if procedure.important:
            out += [f"## {words.plain('plain_text.important')}", "", *[f"- {_text(t)}" for t in procedure.important], ""]
        out += [f"## {words.plain('plain_text.for_whom')}", "", *[f"- {_text(t)}" for t in procedure.for_whom], ""]
        out += [f"## {words.plain('plain_text.when')}", "", *[f"- {_text(t)}" for t in procedure.when], ""]
        out += [f"## {words.plain('plain_text.who_can_apply')}", "", *[f"- {_text(t)}" for t in procedure.who_can_apply], ""]
        out += [f"## {words.plain('plain_text.deadline')}", "", _text(procedure.deadline.text or start.deadline), ""]
        out += [f"## {words.plain('plain_text.prepare')}", ""]
        for entry in procedure.prepare:
            line = f"- {_text(entry.item)}"
            if entry.pin:
                line += words.plain("plain_text.pin_official", official=self.terms.pins[entry.pin].official)
            if entry.note:
                line += f" — {_text(entry.note)}"
            out.append(line)
        out += ["", f"## {words.plain('plain_text.steps')}", ""]
        for number, step in enumerate(procedure.steps, start=1):
            # The detail and caution are indented under the step's title: the same list item in Markdown.
            out.append(f"{number}. {_text(step.title)}")
            if step.detail:
                out.append(f"   {_one_line(step.detail)}")
            if step.caution:
                out.append(f"   {words.plain('plain_text.caution')}: {_one_line(step.caution)}")
        out += ["", f"## {words.plain('plain_text.other_ways_heading')}", ""]
        out += [f"- {_method(way.method, self.words)}: {_text(way.text)}" for way in procedure.other_ways]
        out += ["", f"## {words.plain('plain_text.after')}", "", *[f"- {_text(t)}" for t in procedure.after], ""]
        if procedure.ask_locally:
            out += [f"## {words.plain('plain_text.ask_locally', town=municipality.name)}", ""]
            for question in procedure.ask_locally:
                answer = local.answers.get(question.key)
                if answer:
                    reply = words.plain("plain_text.answer", answer=_text(answer.text), checked=answer.checked.isoformat())
                else:
                    reply = words.plain("plain_text.ask_counter")
                out.append(f"- {_text(question.text)} → {reply}")
            out.append("")
        out += [f"## {words.plain('plain_text.contact')}", "", f"- {_text(department.name)}"]
        if department.phone:
            out.append(f"- {words.plain('plain_text.phone')}: {department.phone}")
        if department.hours:
            out.append(f"- {words.plain('plain_text.hours')}: {_text(hours_line(department.hours, self.words))}")
        if department.address:
            out.append(f"- {words.plain('plain_text.place')}: {_text(department.address)}")
        out += ["", f"## {words.plain('plain_text.sources')}", ""]
        out += [f"- [{_text(source.title)}]({source.url})" for source in procedure.sources]
        return "\n".join(out) + "\n"

    def guide(self, event: LifeEvent) -> str:
        self.here = urls.life_event_url(event)
        guide = self.catalog.guides.get(event)
        words = self.words
        out = [f"# {self.terms.life_events[event]}", ""]
        if guide:
            out += [f"> {_text(guide.intro)}", "", f"- {words.plain('plain_text.reviewed')}: {guide.reviewed.isoformat()}", ""]
        out += [f"- {words.plain('plain_text.page')}: {self.address(urls.life_event_url(event))}", ""]
        for number, step in enumerate(guide.steps if guide else [], start=1):
            title = words.plain("plain_text.guide_step", number=number, title=_text(step.title))
            out += [f"## {title}" + (words.plain("plain_text.optional") if step.optional else ""), ""]
            if step.text:
                out += [_text(step.text), ""]
            if step.counter:
                out += [f"{words.plain('plain_text.counter')}: {_text(step.counter)}", ""]
            out += [self._procedure_link(self.catalog.get(pid)) for pid in step.procedures]
            if step.procedures:
                out.append("")
        others = self.catalog.unguided(event)
        if others:
            out += [f"## {words.plain('plain_text.unguided')}", "", *[self._procedure_link(p) for p in others], ""]
        if guide and guide.sources:
            out += [f"## {words.plain('plain_text.sources')}", "", *[f"- [{_text(s.title)}]({s.url})" for s in guide.sources], ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def _procedure_link(self, procedure: Procedure) -> str:
        return f"- [{_text(procedure.title)}]({self.address(urls.markdown_url(urls.procedure_url(procedure)))})"

    def llms_txt(self, help_pages: list[HelpPage]) -> str:
        self.here = urls.HOME
        municipality = self.municipality
        words = self.words
        count = len(self.catalog.procedures)
        out = [
            f"# {site_name(municipality, words)}",
            "",
            "> " + words.plain("plain_text.llms_summary", prefecture=municipality.prefecture, town=municipality.name, count=count),
            "",
            words.plain("plain_text.llms_about", town=municipality.name),
        ]
        if municipality.sample:
            out += ["", words.plain("plain_text.sample")]
        for category in self.catalog.categories:
            out += ["", f"## {words.plain('common.procedures_of', label=self.terms.categories[category].label)}", ""]
            out += [self._procedure_link(p) + f": {_text(p.summary)}" for p in self.catalog.in_category(category)]
        out += ["", f"## {words.plain('plain_text.life_events')}", ""]
        out += [f"- [{self.terms.life_events[e]}]({self.address(urls.markdown_url(urls.life_event_url(e)))})" for e in self.catalog.life_events]
        if help_pages:
            out += ["", f"## {words.plain('plain_text.help')}", ""]
            out += [f"- [{_text(h.title)}]({self.address(urls.markdown_url(h.url))}): {_text(h.description)}" for h in help_pages]
        out += ["", f"## {words.plain('plain_text.data')}", ""]
        out += [
            f"- [{words.plain('plain_text.data_json')}]({self.address(urls.OPEN_DATA_JSON)}): "
            + words.plain("plain_text.data_json_note", licence=municipality.licence),
            f"- [{words.plain('plain_text.data_csv')}]({self.address(urls.OPEN_DATA_CSV)})",
            f"- [{words.plain('plain_text.data_hsds')}]({self.address(urls.OPEN_DATA_HSDS)})",
            f"- [{words.plain('plain_text.data_registry')}]({self.address(urls.OPEN_DATA_REGISTRY)})",
            f"- [{words.plain('plain_text.data_about')}]({self.address(urls.OPEN_DATA)})",
        ]
        return "\n".join(out) + "\n"


def _address(base_url: str | None, here: str, url: str) -> str:
    """Absolute under the published address; else relative to the folder of the file that links."""
    return urls.public_url(base_url, url) if base_url else urls.relative(here, url)


_ATTR_LIST = re.compile(r"\s*\{\s*[.#][^}\n]*\}")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_LOCAL_LINK = re.compile(r"\]\((?!https?:|tel:|mailto:|#)([a-z0-9-]+)\.md(#[^)]*)?\)")


def help_markdown(page: HelpPage, base_url: str | None) -> str:
    """A help page's hand-written Markdown without MkDocs' attribute lists, comments and HTML tags; links to pages made absolute."""

    def link(match: re.Match[str]) -> str:
        name, anchor = match.group(1), match.group(2) or ""
        target = urls.HELP if name == "index" else f"{urls.HELP}{name}/"
        return f"]({_address(base_url, page.url, target)}{anchor})"

    text = _COMMENT.sub("", page.markdown)
    text = _ATTR_LIST.sub("", text)
    text = _TAG.sub("", text)  # the few HTML lines (the reviewed date) keep their words
    text = _LOCAL_LINK.sub(link, text)
    if not text.lstrip().startswith("# "):
        text = f"# {page.title}\n\n{text.lstrip()}"
    return text.strip() + "\n"


def plain_text(catalog: Catalog) -> SiteOutput:
    """``llms.txt`` and the Markdown copies it links."""
    writer = _Writer(catalog)
    files = [GeneratedFile(urls.markdown_url(urls.procedure_url(p)), writer.procedure(p).encode("utf-8")) for p in catalog.procedures]
    files += [GeneratedFile(urls.markdown_url(urls.life_event_url(e)), writer.guide(e).encode("utf-8")) for e in catalog.life_events]
    help_pages = [page for page in catalog.help_pages if page.markdown]
    files += [
        GeneratedFile(urls.markdown_url(page.url), help_markdown(page, catalog.municipality.base_url).encode("utf-8"))
        for page in help_pages
    ]
    files.append(GeneratedFile(urls.LLMS_TXT, writer.llms_txt(help_pages).encode("utf-8")))
    return SiteOutput(files=files)
