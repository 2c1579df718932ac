"""The site as clean text for other programs: ``llms.txt`` and a Markdown copy of every procedure, guide and help page.

Follows the llms.txt proposal (https://llmstxt.org/): an index at the site root with an H1, a one-line summary
in a quote, and H2 sections of links; each page's Markdown copy lives beside it as ``index.md.txt``
(``urls.markdown_url``; the proposal's ``index.html.md`` would be rendered as a page by MkDocs). Chat
assistants and search tools read these instead of scraping the HTML. The text is the same as on the pages (from the same YAML and ``docs/help/*.md``), without the page furniture.
"""

from __future__ import annotations

import re

from generator.model import Catalog, LifeEvent, Procedure
from generator.model.catalog import HelpPage
from generator.notices import notice_lines
from generator.output import GeneratedFile, SiteOutput
from generator.site import urls
from generator.site.pages import start_panel
from generator.vocabulary_words import vocabulary

ONLINE = {"yes": "できます", "no": "できません（窓口や 郵送で 申請します）", "unknown": "まだ わかりません（窓口に おたずねください）"}
METHODS = {"counter": "窓口", "post": "郵送", "other": "ほかの 方法"}


def application_text(procedure: Procedure, details: bool) -> str:
    """How to apply as plain lines: the numbered smartphone steps (with their details if asked), then the other ways.
    The HSDS ``application_process`` and the registry's ``procedureMethod`` hold this text."""
    steps = [f"{n}. {step.title}" + (f": {step.detail}" if details and step.detail else "") for n, step in enumerate(procedure.steps, start=1)]
    other = [f"{METHODS[way.method]}: {way.text}" for way in procedure.other_ways]
    return "\n".join(["スマートフォン（マイナポータル）:", *steps, "ほかの 方法:", *other])


def _one_line(value: str) -> str:
    return " ".join(_text(value).split())


def _text(value: str) -> str:
    """YAML text as Markdown text: ``<`` and ``>`` escaped, so a renderer can never read raw HTML from it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Writer:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.terms = vocabulary(catalog.strings)
        self.municipality = catalog.municipality
        self.here = urls.HOME
        """The folder of the file being written: links are relative to it when the public address is unknown."""

    def address(self, url: str) -> str:
        return _address(self.municipality.base_url, self.here, url)

    def procedure(self, procedure: Procedure) -> str:
        self.here = urls.procedure_url(procedure)
        municipality = self.municipality
        local = municipality.local(procedure.id)
        department = municipality.department_for(procedure.id)
        start = start_panel(procedure, municipality)
        out = [f"# {_text(procedure.title)}", "", f"> {_text(procedure.summary)}", ""]
        out += [f"- 正式な 名前: {_text(procedure.official_name)}", f"- 分野: {self.terms.categories[procedure.category].label}",
                f"- 自治体: {municipality.prefecture} {municipality.name}",
                f"- 案内ページ: {self.address(urls.procedure_url(procedure))}",
                f"- 内容を たしかめた 日: {procedure.reviewed.isoformat()}", ""]
        out += ["## この 自治体で", "", f"- マイナポータルからの 申請: {ONLINE[local.online]}"]
        if local.mynaportal_url:
            out.append(f"- 申請の ページ: {local.mynaportal_url}")
        out.append(f"- 期限: {_text(start.deadline)}")
        for line in notice_lines(self.catalog, procedure.id):
            out.append(f"- お知らせ: {_text(line.text)}")
        if local.note:
            out.append(f"- 注意: {_text(local.note)}")
        out.append("")
        if procedure.important:
            out += ["## 大事な こと", "", *[f"- {_text(t)}" for t in procedure.important], ""]
        out += ["## 対象と なる 方", "", *[f"- {_text(t)}" for t in procedure.for_whom], ""]
        out += ["## こんな とき", "", *[f"- {_text(t)}" for t in procedure.when], ""]
        out += ["## 申請 できる 人", "", *[f"- {_text(t)}" for t in procedure.who_can_apply], ""]
        out += ["## 期限", "", _text(procedure.deadline.text or start.deadline), ""]
        out += ["## 用意する もの", ""]
        for entry in procedure.prepare:
            line = f"- {_text(entry.item)}"
            if entry.pin:
                line += f"（正式には {self.terms.pins[entry.pin].official}）"
            if entry.note:
                line += f" — {_text(entry.note)}"
            out.append(line)
        out += ["", "## スマートフォンでの 手順", ""]
        for number, step in enumerate(procedure.steps, start=1):
            # The detail and caution are indented under the step's title: the same list item in Markdown.
            out.append(f"{number}. {_text(step.title)}")
            if step.detail:
                out.append(f"   {_one_line(step.detail)}")
            if step.caution:
                out.append(f"   注意: {_one_line(step.caution)}")
        out += ["", "## 窓口や 郵送で 申請する", ""]
        out += [f"- {METHODS[way.method]}: {_text(way.text)}" for way in procedure.other_ways]
        out += ["", "## 申請した あと", "", *[f"- {_text(t)}" for t in procedure.after], ""]
        if procedure.ask_locally:
            out += [f"## {municipality.name}に たずねる こと", ""]
            for question in procedure.ask_locally:
                answer = local.answers.get(question.key)
                reply = f"{_text(answer.text)}（{answer.checked.isoformat()} に たしかめました）" if answer else "窓口に おたずねください。"
                out.append(f"- {_text(question.text)} → {reply}")
            out.append("")
        out += ["## 問い合わせ先", "", f"- {_text(department.name)}"]
        if department.phone:
            out.append(f"- 電話: {department.phone}")
        if department.hours:
            out.append(f"- 受付時間: {_text(department.hours_text)}")
        if department.address:
            out.append(f"- 場所: {_text(department.address)}")
        out += ["", "## 出典", ""]
        out += [f"- [{_text(source.title)}]({source.url})" for source in procedure.sources]
        return "\n".join(out) + "\n"

    def guide(self, event: LifeEvent) -> str:
        self.here = urls.life_event_url(event)
        guide = self.catalog.guides.get(event)
        out = [f"# {self.terms.life_events[event]}", ""]
        if guide:
            out += [f"> {_text(guide.intro)}", "", f"- 内容を たしかめた 日: {guide.reviewed.isoformat()}", ""]
        out += [f"- 案内ページ: {self.address(urls.life_event_url(event))}", ""]
        for number, step in enumerate(guide.steps if guide else [], start=1):
            out += [f"## ステップ {number}: {_text(step.title)}" + ("（必要な 人だけ）" if step.optional else ""), ""]
            if step.text:
                out += [_text(step.text), ""]
            if step.counter:
                out += [f"窓口で する こと: {_text(step.counter)}", ""]
            out += [self._procedure_link(self.catalog.get(pid)) for pid in step.procedures]
            if step.procedures:
                out.append("")
        others = self.catalog.unguided(event)
        if others:
            out += ["## この ほかに 必要に なる ことが ある 手続き", "", *[self._procedure_link(p) for p in others], ""]
        if guide and guide.sources:
            out += ["## 出典", "", *[f"- [{_text(s.title)}]({s.url})" for s in guide.sources], ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def _procedure_link(self, procedure: Procedure) -> str:
        return f"- [{_text(procedure.title)}]({self.address(urls.markdown_url(urls.procedure_url(procedure)))})"

    def llms_txt(self, help_pages: list[HelpPage]) -> str:
        self.here = urls.HOME
        municipality = self.municipality
        out = [
            f"# {municipality.display_name}",
            "",
            f"> {municipality.prefecture} {municipality.name}の 子育て・介護・被災者支援の 手続き（{len(self.catalog.procedures)}件）を、"
            "スマートフォンの マイナポータルで 申請する 方法と、窓口・郵送での 方法を やさしい 日本語で 案内する サイトです。",
            "",
            "各ページの Markdown 版への リンクです。内容は 国の 資料などの 出典に もとづき、"
            f"{municipality.name}の 設定（申請 できるか、問い合わせ先）を 加えて います。"
            "期限や 対象は 変わる ことが あります。最新の ことは 問い合わせ先で たしかめて ください。",
        ]
        if municipality.sample:
            out += ["", "この サイトは 見本です。自治体の 情報は 見本の 値を ふくみます。"]
        for category in self.catalog.categories:
            out += ["", f"## {self.terms.categories[category].label}の 手続き", ""]
            out += [self._procedure_link(p) + f": {_text(p.summary)}" for p in self.catalog.in_category(category)]
        out += ["", "## くらしの できごと", ""]
        out += [f"- [{self.terms.life_events[e]}]({self.address(urls.markdown_url(urls.life_event_url(e)))})" for e in self.catalog.life_events]
        if help_pages:
            out += ["", "## こまった ときの ヘルプ", ""]
            out += [f"- [{_text(h.title)}]({self.address(urls.markdown_url(h.url))}): {_text(h.description)}" for h in help_pages]
        out += ["", "## データ", ""]
        out += [
            f"- [手続きの 一覧（JSON）]({self.address(urls.OPEN_DATA_JSON)}): 1手続き 1行、{municipality.licence}",
            f"- [手続きの 一覧（CSV）]({self.address(urls.OPEN_DATA_CSV)})",
            f"- [Open Referral HSDS 3.0 の 形]({self.address(urls.OPEN_DATA_HSDS)})",
            f"- [子育て支援制度レジストリの 形（子育ての 手続き）]({self.address(urls.OPEN_DATA_REGISTRY)})",
            f"- [データの 説明]({self.address(urls.OPEN_DATA)})",
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
