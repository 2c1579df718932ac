"""The 「手続きを さがす」 page: every procedure, life-event guide and help page as a plain list, ranked as you
type by a small script.

Without JavaScript the page is a complete list grouped by kind (and the search box stays hidden, because it
could not work). With it, the script (``generator/site/finder.js``, published minified as
``assets/javascripts/finder.js``) shows the box and, for each query, a list of
the best matches in order of relevance right under the box (see that file for the scoring). The script is
loaded on this page only (``theme/finder.html``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.loading.strings import StringTable, string_table
from generator.model import Catalog, LifeEvent
from generator.site import urls
from generator.output import GeneratedFile, GeneratedPage, SiteOutput
from generator.templating import make_environment
from generator.site.scripts import minified_script
from generator.kept import kept, keeping
from generator.site.search_text import (
    IndexText, IndexTexts, known_words, normalize, pieces, read_pieces, reading_table, use_readings,
)
from generator.vocabulary_words import vocabulary

URL = "sagasu/"
SCRIPT = "assets/javascripts/finder.js"
SCRIPT_SOURCE = Path(__file__).with_name("finder.js")
QUERY_WORDS = "assets/javascripts/finder.json"
"""The everyday words finder.js reads into the query (``finder/everyday.yml``), fetched beside the script when the
resident starts typing."""
_SHORT_KANA = re.compile(r"[\u3041-\u309f\u30fc]{1,2}")
_KANJI_LETTER = re.compile(r"[\u3400-\u9fff々]")
"""Written as ``search_text``'s kanji pattern is, to the letter: ``re`` then gives the one it compiled (its cache
is keyed by the text), and every fresh process compiles this class of ~27,000 letters once, not twice."""
_KANA_LETTER = re.compile(r"[\u3041-\u309f]")
_LARGE_KANA = {small: small + 1 for small in (0x3083, 0x3085, 0x3087, 0x3063)}  # each small kana is one code point before its large one
_SMALL_KANA = re.compile("[" + "".join(map(chr, _LARGE_KANA)) + "]")
_ALL_KANA = re.compile(r"[\u3041-\u309f\u30fc]+")


def examples(words: StringTable) -> tuple[str, ...]:
    """Shown under the box; each must find something (tests/browser/test_finder.py)."""
    return (
        words.plain("finder.example_birth"),
        words.plain("finder.example_card"),
        words.plain("finder.example_typhoon"),
        words.plain("finder.example_pin"),
    )


@dataclass(frozen=True)
class FinderItem:
    """One card of the finder: ``key`` is ``k01``, ``kurashi-birth`` or ``help-pin``."""

    key: str
    url: str
    title: str
    sub: str | None
    index: IndexText
    named: bool = False
    """The sub is the procedure's official name, which the page script reads from the card as one of its words
    (``data-name``) rather than from ``data-search``."""


@dataclass(frozen=True)
class FinderGroup:
    key: str
    heading: str
    items: list[FinderItem]


def finder_groups(catalog: Catalog) -> list[FinderGroup]:
    """Everything the finder can show, grouped as on the page without JavaScript."""
    words = catalog.finder_words
    table = string_table(catalog.strings)
    # Under the title of a guide or help card, so a result says what kind of page it opens.
    event_sub, help_sub = table.plain("finder.event_sub"), table.plain("finder.help_sub")
    # Each group's key, heading and items; an item's index text is the number of its text in ``indexes``, which
    # works them all out at the end (kept between builds by what they are made from: search_text.IndexTexts).
    indexes = IndexTexts(words)
    planned: list[tuple[str, str, list[tuple[dict[str, object], int]]]] = []
    shared = _shared_name_words(catalog)
    if catalog.life_events:
        own = _own_sentences(catalog)
        events = [
            (
                {"key": f"kurashi-{event.value}", "url": urls.life_event_url(event),
                 "title": vocabulary(catalog.strings).life_events[event], "sub": event_sub},
                _event_index(catalog, event, indexes, own),
            )
            for event in catalog.life_events
        ]
        planned.append(("kurashi", table.plain("finder.group_events"), events))
    for category in catalog.categories:
        items = [
            (
                {"key": procedure.id, "url": urls.procedure_url(procedure), "title": procedure.title,
                 "sub": procedure.official_name, "named": True},
                # Not the summary: it added no hit on the benchmark's tuning queries and ~1 KB to the page.
                # Nor the official name's reading: no hit on the tuning queries, ~0.7 KB.
                indexes.ask([*procedure.keywords, *shared.get(procedure.id, ())], [], title=procedure.title, shown=[procedure.official_name]),
            )
            for procedure in catalog.in_category(category)
        ]
        planned.append((category.value, table.plain("common.procedures_of", label=vocabulary(catalog.strings).categories[category].label), items))
    if catalog.help_pages:
        # A heading every help page has (「この ページの 出典」) says nothing about any of them.
        shared = set.intersection(*(set(page.headings) for page in catalog.help_pages))
        helps = [
            (
                {"key": "help-" + page.url.removeprefix(urls.HELP).strip("/"), "url": page.url, "title": page.title,
                 "sub": help_sub},
                # Headings without readings and no description: ~0.7 KB for the 40 KB budget, one tuning
                # query less at hit@1 (「マイナンバーカード 読み取り」 now 2nd), none less at hit@3. A long heading
                # (「券面事項入力補助用の 暗証番号を わすれた とき」) is a sentence: indexed by its terms (``_as_terms``).
                indexes.ask(
                    [], [], title=page.title,
                    unread=[*(term for text in page.headings if text not in shared for term in _as_terms(text)),
                            *_defined_terms(page.markdown)],
                ),
            )
            for page in catalog.help_pages
        ]
        planned.append(("help", table.plain("finder.group_help"), helps))
    texts = indexes.made()
    return [
        FinderGroup(key, heading, [FinderItem(**fields, index=texts[number]) for fields, number in items])  # type: ignore[arg-type]
        for key, heading, items in planned
    ]


def finder(catalog: Catalog) -> SiteOutput:
    """The finder feature: its page and its script."""
    use_readings(catalog.readings)  # the index texts and the query words are read with this edition's readings
    groups = finder_groups(catalog)  # once: the page shows them, the query words read their readings
    page = finder_page(catalog, groups)
    return SiteOutput(pages=[page], files=[finder_script(catalog.options.cache_folder), query_words(catalog, groups)])


def finder_script(cache_folder: Path | None = None) -> GeneratedFile:
    """finder.js minified (``generator.site.scripts``), so the page has room under 40 KB."""
    return minified_script(SCRIPT, SCRIPT_SOURCE, cache_folder)


def query_words(catalog: Catalog, groups: list[FinderGroup]) -> GeneratedFile:
    """``finder/everyday.yml`` as finder.js reads it: each everyday word, normalised as the script folds a query
    (``search_text.normalize``), with the page words it stands for. ``groups``: the page's (``finder_groups``).

    Kept between builds (``generator/kept.py``) by everything it reads: the everyday words and the page words
    each stands for, the ways of asking (``fillers``), the finder dictionary's words, the page's index words and
    the readings table in use. A
    procedure edit that changes none of them (a step, a deadline) does not work the ~1,000 words out again."""
    query = [[group.words, group.page_words] for group in catalog.finder_query_words.groups]
    dictionary = [group.words for group in catalog.finder_words.groups]
    index = [item.index.words for group in groups for item in group.items]
    described = [item.index.more for group in groups for item in group.items]
    asked = list(catalog.finder_query_words.fillers)
    if not keeping():
        return GeneratedFile(QUERY_WORDS, _query_words(query, dictionary, index, asked, described))
    given = {"query": query, "dictionary": dictionary, "index": index, "described": described, "fillers": asked,
             "readings": reading_table()}
    source = b"finder.query_words\0" + hashlib.sha256(
        json.dumps(given, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    ).digest()
    return GeneratedFile(QUERY_WORDS, kept(source, lambda: _query_words(query, dictionary, index, asked, described)))


def _query_words(query: list[list[list[str]]], dictionary: list[list[str]], index: list[str], asked: list[str],
                 described: list[str] = ()) -> bytes:  # type: ignore[assignment]
    """``query_words``' file from what it reads (``reading_table``'s readings through ``read_pieces``): ``index``
    and ``described`` are each page's ``words`` and ``more`` (``IndexText``)."""
    table: dict[str, list[str]] = {}

    def add(word: str, page_words: list[str]) -> None:
        means = table.setdefault(normalize(word), [])
        means += [meant for meant in page_words if meant not in means and normalize(meant) != normalize(word)]

    for words, page_words in query:
        for word in words:
            add(word, page_words)
            # The same word typed in kana (「そつぎょう」 for 卒業, 「にゅういん」 for 入院), read with the reviewed
            # table: four kana or more when the word has okurigana (「かった」 of 買った is in 「わかった」).
            if _KANJI_LETTER.search(word):
                for said in read_pieces(word):
                    if len(said) >= (4 if _KANA_LETTER.search(word) else 3):
                        add(said, page_words)
    # A form handed in at the counter that a guide's steps name (転出届, 死亡届: ``_FORM``) is read whole, in kanji or
    # in kana, with or without a space inside (the script reads the query without its spaces): each spelling looks
    # for the other, and a part's everyday words (「てんしゅつ」 → k04's 「もらわなく なる」) do not take the form
    # over, since the longest word of the table is read first. 「てんしゅつ とどけ」 led with k04, not the moving guide.
    for form in sorted(_forms(piece for text in described for piece in text.split(" "))):
        for said in read_pieces(form):
            add(form, [said])
            add(said, [form])
    # The readings of finder/synonyms.yml's words, which the index leaves out (「といあわせ」 → 問い合わせ).
    for words in dictionary:
        for word in words:
            for said in read_pieces(word):
                add(said, [word])
    # The words of the pages' text that the index carries without their reading (the terms of a guide's counter
    # steps: 医療費, 助成, 健康保険; a help page's headings) are found typed in kana too, as the index's own are.
    indexed = " ".join(index + list(described))
    for text in sorted({piece for words in [*index, *described] for piece in re.split(r"[ ,/]", words) if _KANJI_LETTER.search(piece)}):
        for word in known_words(text):
            for said in read_pieces(word):
                if len(said) >= (4 if _KANA_LETTER.search(word) else 3) and said not in indexed:
                    add(said, [word])
    # A small kana typed large on a phone keyboard (「かいごほけんしよう」, 「しゆっさん」): a kana word of four letters or more
    # with ゃ ゅ ょ or っ, of the pages' index or of this table, is found in its large spelling too.
    readings = {said for words in index for said in re.split(r"[ ,/]", words)}
    for said in sorted(readings) + sorted(table):
        if len(said) >= 4 and _SMALL_KANA.search(said) and _ALL_KANA.fullmatch(said):
            add(said.translate(_LARGE_KANA), table.get(said) or [said])
    # How people type on a phone, for every kana word of four letters or more (of the index or of this table): a
    # small っ or a ー left out (「ひこし」, 「まいなんばかーど」); and a word of kanji with its okurigana left out
    # inside (申込み, 引越し for 申し込み, 引っ越し). (A long vowel written as it sounds, 「じどおてあて」, is not
    # listed: the pairs around it find the word already, and its spellings made the file half as large again.)
    # A spelling that the pages or the table already have is a word of its own, not a slip.
    known = set(table)
    for said in sorted(readings | known):
        if len(said) >= 4 and _ALL_KANA.fullmatch(said):
            for slip in _typing_slips(said):
                if slip not in known and slip not in indexed:
                    add(slip, table.get(said) or [said])
        elif _KANJI_LETTER.search(said):
            for slip in _okurigana_left_out(said):
                if slip not in known and slip not in indexed:
                    add(slip, table.get(said) or [said])
    # finder.js reads [{word: page words}, …] and makes its pattern of the words in their order, longest first
    # (「給食費」 before 「食費」): written once, not twice. A word of one or two kana is left out: it is found inside
    # other words (「でい」 of 「たいふうでいえが」); so is one with a letter that a pattern reads otherwise (none is).
    # A word of one or two kana is a key after a space (「 ひび」): the pattern never reads it (the query has no spaces
    # then), and the script looks it up for each piece of the query typed alone (「ひび」, 「デイ」).
    words = sorted((word if not _SHORT_KANA.fullmatch(word) else " " + word for word, means in table.items()
                    if means and re.escape(word) == word and not word.isdigit()), key=len, reverse=True)
    # …and a pattern of the ways of asking (fillers: 「教えて」, 「やり方」), longest first, with the particle before
    # one (「介護認定の やり方」, 「変え方を 教えて」), which the script reads as spaces. (Ties by the word: a set's
    # order changes from one process to the next, and every build must write the same bytes.)
    fillers = sorted({normalize(word) for word in asked}, key=lambda word: (-len(word), word))
    asking = r"[\u306e\u3092\u306f\u304c\u3082]?\s*(?:" + "|".join(re.escape(word) for word in fillers) + ")" if fillers else "(?!)"
    data = [{word: "".join(" " + meant for meant in table[word.lstrip()]) for word in words}, asking]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_SMALL_TSU, _BAR = chr(0x3063), chr(0x30FC)  # (code points: no kana literal in a module, test_string_tables)
_INNER_OKURIGANA = re.compile(r"(?<=[\u3400-\u9fff])[^\u306e\u3092\u304c\u306b\u306f\u3067\u3068\u3078\u3082\u3084\u304b\u3400-\u9fff](?=[\u3400-\u9fff])")
"""One kana between two kanji that is no particle (の を が に は で と へ も や か): okurigana (申し込み, 引っ越し)."""
_OKURIGANA_WORD = re.compile(r"[\u3400-\u9fff\u3041-\u309f]{3,8}")


def _typing_slips(said: str) -> list[str]:
    """A kana word as it is mistyped on a phone: with a small っ or a ー left out (ひこし, まいなんばかーど)."""
    slips = [said[:at] + said[at + 1:] for at, letter in enumerate(said) if letter in (_SMALL_TSU, _BAR)]
    return [slip for slip in dict.fromkeys(slips) if len(slip) >= 3]


def _okurigana_left_out(word: str) -> list[str]:
    """A word of kanji with okurigana between them (申し込み, 引っ越し, 払い戻し) as it is also written: without
    them (申込み, 引越し), and then without the kana after its last kanji too (申込, 引越)."""
    if not _OKURIGANA_WORD.fullmatch(word) or not _INNER_OKURIGANA.search(word):
        return []
    inside = _INNER_OKURIGANA.sub("", word)
    if re.search(r"(?<=[\u3400-\u9fff])[\u3041-\u309f]{2,}(?=[\u3400-\u9fff])", inside):
        return []
    return list(dict.fromkeys([inside, re.sub(r"(?<=[\u3400-\u9fff])[\u3041-\u309f]{1,2}$", "", inside)]))


def finder_page(catalog: Catalog, groups: list[FinderGroup]) -> GeneratedPage:
    """The finder page, listing ``groups`` (``finder_groups``)."""
    environment = make_environment(catalog.strings)
    words = string_table(catalog.strings)
    municipality = catalog.municipality
    html = environment.get_template("finder.html").render(
        catalog=catalog,
        groups=groups,
        urls=urls,
        link=lambda target: urls.relative(URL, target),
        examples=examples(words),
        municipality=municipality,
        department=municipality.departments[municipality.default_department],
    )
    return GeneratedPage(
        url=URL,
        title=words.plain("finder.heading"),
        html=html,
        template="finder.html",
        description=words.plain("finder.description", town=municipality.name),
    )


def _event_index(catalog: Catalog, event: LifeEvent, indexes: IndexTexts, own: dict[LifeEvent, list[str]]) -> int:
    """A life-event guide is found by its name and its steps' titles and counter notes (「転入届」 finds the
    moving guide). Not by the introduction and step texts: they are general (「順番に ならべました」), and
    leaving them out ranked better on the tuning queries and saved 1 KB."""
    guide = catalog.guides.get(event)
    if guide is None:
        return indexes.ask([], [], title=vocabulary(catalog.strings).life_events[event])
    # The steps are described, not named: 「児童手当を 申し込む」 is a step of two guides, but the page to
    # show first for 「児童手当」 is the procedure. A sentence that several guides share (「この サイトで 案内する
    # スマートフォンの 手続きでは ありません」) tells them apart no better than it tells the resident.
    sentences = own[event]
    # The forms those sentences name (「死亡届」, 「転入届」) are found typed in kana too (「しぼうとどけ」). The terms of
    # the titles of the steps done only at the counter (「赤ちゃんの 健康保険に 入る」, 「子どもの 医療費の 助成を
    # 申し込む」) are the guide's own words, as a procedure's keywords are, with their readings (「いりょうひ」): no
    # procedure page answers them, the guide does. (Only in ``described``, at a third of the weight, 「子の 医療費
    # 助成」 led with c10's 「申請」.) A term of the counter steps of two guides (「窓口」) tells them apart no better
    # than it tells the resident. The forms themselves stay described: as own words, 出生届 put the birth guide
    # above k01 for 「出生 手当」 (tests/browser/test_finder.py).
    forms = _forms(sentences)
    elsewhere = {term for other in catalog.guides if other != event for term in _counter_terms(catalog, other, own[other])}
    named = list(dict.fromkeys(term for term in _counter_terms(catalog, event, sentences) if term not in elsewhere and term not in forms))
    # A long sentence of a counter note is indexed by its terms (``_as_terms``).
    described = [term for text in sentences for term in _as_terms(text) if term not in named]
    return indexes.ask(named, described, title=vocabulary(catalog.strings).life_events[event], read=forms)


def _guide_sentences(catalog: Catalog, event: LifeEvent) -> list[str]:
    guide = catalog.guides.get(event)
    texts = [text for step in guide.steps for text in (step.title, step.counter) if text] if guide else []
    return [piece for text in texts for piece in pieces(text)]


def _counter_terms(catalog: Catalog, event: LifeEvent, own: list[str]) -> list[str]:
    """The terms (``_TERM``) of the titles of the steps of ``event``'s guide done only at the counter (no procedure
    page), of the pieces that no other guide's steps say (``own``: the guide's own sentences)."""
    guide = catalog.guides.get(event)
    titles = [step.title for step in guide.steps if step.counter and not step.procedures] if guide else []
    alone = set(own)
    return [term for text in titles for piece in pieces(text) if piece in alone for term in _TERM.findall(piece)]


def _own_sentences(catalog: Catalog) -> dict[LifeEvent, list[str]]:
    """Each guide's sentences (its steps' titles and counter notes, in pieces) that no other guide says, for every
    guide and life event: each guide's sentences worked out once a build, not once for each other guide."""
    said = {event: _guide_sentences(catalog, event) for event in dict.fromkeys([*catalog.guides, *catalog.life_events])}
    guides = Counter(piece for event in catalog.guides for piece in set(said[event]))
    # (a life event without a guide has no sentences)
    return {event: [piece for piece in sentences if guides[piece] == 1] for event, sentences in said.items()}


LONG_SENTENCE = 20
"""Letters from which a piece of a guide's counter note, or a help page's heading, is a sentence (``_as_terms``)."""
# (お/ご, 々 and ー as escapes: a pattern of letters, not words for residents)
_TERM = re.compile(r"[\u304a\u3054][\u3400-\u9fff\u3005]+|[\u3400-\u9fff\u30050-9a-zA-Z]{2,}|[\u30a1-\u30fa\u30fc]{2,}")


def _as_terms(text: str) -> list[str]:
    """``text``, or when it is a sentence (``LONG_SENTENCE`` letters or more) its terms: its words of kanji, digits,
    letters or katakana, and お/ご + kanji (お金). A sentence explains (「うまれた日を ふくめて 14日以内に 出します」);
    residents type its terms (「14日以内」), not its endings, which only add loose matches and bytes (issue #20, eighth
    round: the same ranks at hit@1 on the benchmark, −206 B on the page)."""
    return _TERM.findall(text) if len(normalize(text)) >= LONG_SENTENCE else [text]

_DEFINITION = re.compile(r"^\s*[-*]\s+\*\*([^*\n]{2,12}?)\*\*\s*[:\uff1a]", re.MULTILINE)
"""A list item of a help page that explains a word (「- **要訂正**: 申請の 内容を 直す 必要が…」)."""


def _defined_terms(markdown: str) -> list[str]:
    """The words a help page explains in a list (``_DEFINITION``): the words a screen showed the resident (要訂正, 処理中),
    which they type to learn what they mean (「要訂正 とは」 led with help-smartphone)."""
    return _DEFINITION.findall(markdown)


_FORM = re.compile(r"[\u3400-\u9fff]+届")
"""The name of a form handed in at the counter (死亡届, 転入届): residents type it, in kana too."""


def _forms(texts: Iterable[str]) -> list[str]:
    """The names of forms (``_FORM``) among the known words of ``texts``, each once, in order: the ones a guide's
    own sentences name (its index reads them, ``_event_index``) are the ones ``_query_words`` finds in the guides'
    ``described`` words and spells both ways."""
    return list(dict.fromkeys(word for text in texts for word in known_words(text) if _FORM.fullmatch(word)))


SHARED = 5
"""A word is shared when one official name in this many, or more, has it (a fifth: 申請, 届出, 認定, 児童手当)."""


def _shared_name_words(catalog: Catalog) -> dict[str, list[str]]:
    """The words that several official names share, per procedure. The official names are indexed without
    readings (bytes), so 「申請」 is common and weak among the pages while 「しんせい」 typed in kana is found only in
    the few titles that say it, and outweighs the word it comes with (「ようかいご しんせい」 → c10). Indexing the
    readings of the shared words keeps a generic word as weak in kana as in kanji."""
    named: dict[str, list[str]] = {}
    for procedure in catalog.procedures:
        # (not a one-kanji word: 「等」 is no word anyone types)
        named[procedure.id] = list(dict.fromkeys(word for word in known_words(procedure.official_name) if len(word) > 1))
    counts = Counter(word for words in named.values() for word in words)
    enough = max(2, len(named) // SHARED)
    return {key: [word for word in words if counts[word] >= enough] for key, words in named.items()}
