"""Fuzzing: mutated procedure, settings, guide, question and finder-word files through ``check`` and ``build``,
as a webmaster runs them.

For every mutated input: both commands end with exit code 0 or 1 and a message (never a traceback), they
agree (``check`` passes exactly when ``build`` does), and after a failed build ``site/`` is byte-identical.
The mutations are what people and tools do to YAML: a line pasted from Word or a PDF, a full-width colon, a
tab, a stray quote, a YAML feature (tag, anchor, alias, merge key), deep nesting, a huge value, invisible
characters, a truncated save, random bytes.

Hypothesis runs derandomized (the same cases on every run, so CI cannot flake). The default size is CI's
(30 cases per small file, 6 per file of the whole project: the fuzz tests take about two minutes on a quiet
2-core machine); ``TETSUZUKI_FUZZ_EXAMPLES=150`` is the deeper run (about 15 minutes), worth running after
a change to the loader, ``check`` or the build's error handling.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build_site
from generator.cli import main
from tests.commands.conftest import small_project
from tests.commands.test_build import tree_digest

EXAMPLES = int(os.environ.get("TETSUZUKI_FUZZ_EXAMPLES", "30"))

NASTY_LINES = [
    "title：全角の コロン",
    "\ttitle: タブ",
    "title: !!python/object/apply:os.system ['true']",
    "title: !foo x",
    "extra: &a [1, 2]",
    "extra: *a",
    "<<: {title: x}",
    "extra: " + "[" * 200 + "]" * 200,
    "extra: '" ,
    'title: "閉じて いない',
    "title: \x0c改ページ",
    "title: \x00",
    'title: "\\a\\e\\x1b[31m"',
    "title: \u202eうらがえし",
    "title: \ufeffBOM",
    "title: " + "あ" * 5000,
    "keywords: [" + ", ".join(f"k{n}" for n in range(200)) + "]",
    "id: 'k01 '",
    "id: k99",
    "slug: '../../etc'",
    "reviewed: 2026-13-01",
    "base_url: javascript:alert(1)",
    "base_url: 'https://evil.example\\.testtown.example/guide/'",
    "base_url: https://ｔｅｓｔｔｏｗｎ．example/guide/",
    "    mynaportal_url: 'https://evil.example\\.myna.go.jp/k01'",
    "    mynaportal_url: https://myna.go.jp@evil.example/k01",
    "    mynaportal_url: https://myna。go。jp/k01",
    "    url: 'https:\\\\evil.example/.myna.go.jp'",
    "    phone: 0178-８８-２１１１",
    "---",
    "...",
    "? [a, b]\n: c",
    "- 1",
    "title: =HYPERLINK(\"https://evil.example\")",
    "  -\u3000全角スペース",
    "title: null",
    "title: ~",
    "title: 0x1F",
    "title: [a, {b: c}]",
    "%YAML 1.1",
    "%TAG ! tag:example.com,2000:",
    "title: >-\n  折りたたみ",
    "",
    "   ",
    "#",
]

line_strategy = st.one_of(
    st.sampled_from(NASTY_LINES),
    st.text(max_size=80),
    st.builds(lambda key, value: f"{key}: {value}", st.sampled_from(["title", "summary", "id", "name", "extra", "steps", "sample", "departments"]), st.text(max_size=40)),
)


safe_words = st.text(
    alphabet=st.sampled_from(list("あいうえおかきくけこさしすせそ手続き申請窓口町村市ABCxyz0123456789 、。ー")), min_size=1, max_size=30
).map(str.strip).filter(bool).map(lambda words: f"\"{words}\"")


@st.composite
def mutations(draw: st.DrawFn, text: str) -> bytes:
    """``text`` changed by one to three edits; sometimes as raw bytes (truncated, flipped, re-encoded)."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["replace", "insert", "delete", "duplicate", "indent", "value", "safe", "safe", "comment"]))
        index = draw(st.integers(0, len(lines) - 1))
        if kind == "replace":
            lines[index] = draw(line_strategy)
        elif kind == "insert":
            lines.insert(index, draw(line_strategy))
        elif kind == "delete" and len(lines) > 1:
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", "\u3000", ""])) + lines[index].lstrip()
        elif kind == "safe" and ": " in lines[index] and not lines[index].lstrip().startswith("#"):
            # A change a careful editor makes: new words, nothing YAML would misread. Most of these build.
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {draw(safe_words)}"
        elif kind == "comment":
            lines.insert(index, "# " + draw(st.text(max_size=40)).replace("\n", " ").replace("\r", " "))
        elif kind == "value" and ": " in lines[index]:
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {draw(st.text(max_size=60))}"
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    tail = draw(st.sampled_from(["none", "none", "none", "truncate", "flip", "sjis", "crlf"]))
    if tail == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif tail == "flip":
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        data = data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    elif tail == "sjis":
        data = "\n".join(lines).encode("shift_jis", "replace")
    elif tail == "crlf":
        data = data.replace(b"\n", b"\r\n")
    return data


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = small_project(tmp_path_factory.mktemp("fuzz") / "project")
    build_site(folder / "mkdocs.yml")
    return folder


def _invoke(project: Path, *args: str):
    old = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


STATS = {"cases": 0, "check_failed": 0, "build_failed": 0, "seconds": 0.0, "cpu_seconds": 0.0}


@pytest.fixture(scope="module")
def whole_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project (all 27 procedures, the guides, the questions, the finder's words) with the one town
    ``mkdocs.yml`` builds: ``check`` of five towns runs them in a process pool, which was most of each case's
    time, and told nothing more about the mutated file (the same guides and words in every town)."""
    from generator.project import copy_build_inputs
    from tests.conftest import ROOT

    folder = copy_build_inputs(ROOT, tmp_path_factory.mktemp("fuzz-whole") / "project")
    for settings in (folder / "municipalities").rglob("*.yml"):
        if settings.stem != "hashikami":
            settings.unlink()
    build_site(folder / "mkdocs.yml")
    return folder


@pytest.mark.parametrize("target", ["procedures/k01-test.yml", "municipalities/testtown.yml"])
def test_mutated_files_never_crash_check_or_build_and_never_touch_the_site(project: Path, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _fuzz(project, target, EXAMPLES, monkeypatch)


@pytest.mark.parametrize("target", ["life_events/care.yml", "questions/flow.yml", "finder/synonyms.yml", "finder/everyday.yml"])
def test_mutated_guides_questions_and_finder_words_never_crash_check_or_build(whole_project: Path, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The other inputs a webmaster edits. They need the whole project (they name all 27 procedures), whose
    # build is slower, so fewer cases run here; 360 cases (120 each) found nothing when this was written.
    _fuzz(whole_project, target, max(EXAMPLES // 5, 6), monkeypatch)


def _fuzz(project: Path, target: str, examples: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
    path = project / target
    original = path.read_bytes()
    started, cpu_started = time.perf_counter(), time.process_time()

    @settings(
        max_examples=examples, derandomize=True, deadline=None, database=None, print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    )
    @given(data=mutations(original.decode("utf-8")))
    def one_case(data: bytes) -> None:
        path.write_bytes(data)
        try:
            before = tree_digest(project / "site")
            checked = _invoke(project, "check")
            built = _invoke(project, "build")
            for name, result in (("check", checked), ("build", built)):
                output = result.output
                assert result.exit_code in (0, 1), f"{name}: exit {result.exit_code}\n{output}\n{result.exception!r}"
                assert result.exception is None or isinstance(result.exception, SystemExit), f"{name}: {result.exception!r}\n{output}"
                assert "Traceback" not in output, output
            assert checked.exit_code == built.exit_code, f"check {checked.exit_code} but build {built.exit_code}\n{checked.output}\n{built.output}"
            if built.exit_code == 1:
                assert tree_digest(project / "site") == before, "a failed build changed site/"
                assert target.split("/")[-1] in built.output or "mkdocs.yml" in built.output, built.output
            STATS["cases"] += 1
            STATS["check_failed"] += checked.exit_code
            STATS["build_failed"] += built.exit_code
        finally:
            path.write_bytes(original)

    one_case()
    STATS["seconds"] += time.perf_counter() - started
    STATS["cpu_seconds"] += time.process_time() - cpu_started
    print(f"\nfuzz {target}: {STATS}")
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "nothing is left beside site/"


# URLs: addresses put together from the pieces that make browsers and Python disagree (backslashes, full-width
# dots, percent-encoding, userinfo, ports, tabs, trailing dots). Whatever the rule accepts must be read the same
# by Python, by ada and by Node.js (whose URL is the WHATWG parser browsers follow), and a Mynaportal link it
# accepts must open a myna.go.jp host there.
URL_SCHEMES = ["https://", "https://", "https://", "http://", "https:", "https:/", "https:\\\\", "HTTPS://", "//", "javascript:"]
URL_HOSTS = ["myna.go.jp", "app.oss.myna.go.jp", "faq.myna.go.jp", "evil.example", "testtown.example"]
URL_PIECES = [
    "myna.go.jp", "evil.example", ".", ".", "。", "．", "\\", "%5C", "%2F", "%2e", "@", ":", ":443", ":8443", "#", "?",
    "/", "\t", "\n", " ", "\u3000", "ｍｙｎａ", "xn--mna-0ed", "mуna", "..", "[::1]", "127.0.0.1", "0x7f.1", "\u200b", ";",
    "%00", "user:pw@", "-", "A",
]
URL_PATHS = ["", "/", "/k01", "/a/../b", "\\k01", "/手続き?x=1#y", "/%2e%2e/", "?q", "#f", "/\\\\x"]
url_strategy = st.one_of(
    # nearly right: an https address on a real host with at most one odd piece (half of the cases)
    st.builds(
        lambda host, odd, path: "https://" + host + "".join(odd) + path,
        st.sampled_from(URL_HOSTS), st.lists(st.sampled_from(URL_PIECES), max_size=1), st.sampled_from(URL_PATHS),
    ),
    st.builds(
        lambda scheme, before, host, after, path: scheme + "".join(before) + host + "".join(after) + path,
        st.sampled_from(URL_SCHEMES),
        st.lists(st.sampled_from(URL_PIECES), max_size=3),
        st.sampled_from(URL_HOSTS),
        st.lists(st.sampled_from(URL_PIECES), max_size=3),
        st.sampled_from(URL_PATHS),
    ),
)


def _node_hosts(urls: list[str]) -> list[str | None]:
    """The host Node.js's ``new URL()`` gives each address (None when it throws)."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "Node.js is needed to compare URL readings"
    script = "const u=JSON.parse(require('fs').readFileSync(0,'utf8'));console.log(JSON.stringify(u.map(x=>{try{return new URL(x).hostname}catch(e){return null}})))"
    done = subprocess.run([node, "-e", script], input=json.dumps(urls), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_fuzzed_urls_are_refused_or_read_alike_by_python_and_browsers() -> None:
    from urllib.parse import urlsplit

    from generator.model.url_rule import UrlRefused, mynaportal_url, read_url

    accepted: dict[str, tuple[str, bool]] = {}

    @settings(max_examples=EXAMPLES * 10, derandomize=True, deadline=None, database=None)
    @given(url=url_strategy)
    def one_case(url: str) -> None:
        try:
            reading = read_url(url)
        except UrlRefused as refused:
            assert str(refused) and not str(refused).isascii()
            return
        assert urlsplit(url).hostname == reading.host
        try:
            mynaportal_url(url)
            accepted[url] = (reading.host, True)
        except UrlRefused:
            accepted[url] = (reading.host, False)

    one_case()
    print(f"\nfuzzed URLs: {len(accepted)} accepted, compared with Node.js")
    assert accepted, "some generated URLs are fine"
    for (url, (host, is_mynaportal)), node_host in zip(accepted.items(), _node_hosts(list(accepted)), strict=True):
        assert node_host == host, url
        if is_mynaportal:
            assert host == "myna.go.jp" or host.endswith(".myna.go.jp"), url


def test_a_fuzzed_mynaportal_url_in_the_settings_never_leads_a_resident_elsewhere(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from bs4 import BeautifulSoup
    from pydantic import ValidationError

    from generator.model.municipality import LocalProcedure

    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
    monkeypatch.setenv("TETSUZUKI_FLYER_PDFS", "0")
    path = project / "municipalities" / "testtown.yml"
    original = path.read_text(encoding="utf-8")
    line = next(line for line in original.splitlines() if "mynaportal_url:" in line)
    hrefs: list[str] = []

    @settings(max_examples=max(EXAMPLES // 5, 10), derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(url=url_strategy)
    def one_case(url: str) -> None:
        path.write_text(original.replace(line, f"    mynaportal_url: {json.dumps(url, ensure_ascii=False)}"), encoding="utf-8")
        try:
            checked, built = _invoke(project, "check"), _invoke(project, "build")
            for result in (checked, built):
                assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
            try:  # the settings model's own field: the pattern, invisible characters, then the browser's rule
                LocalProcedure.model_validate({"department": "kosodate", "online": "yes", "mynaportal_url": url})
                allowed = True
            except ValidationError:
                allowed = False
            assert checked.exit_code == built.exit_code == (0 if allowed else 1), f"{url!r}\n{checked.output}"
            if not allowed:
                assert "testtown.yml:" in checked.output and "mynaportal_url" in checked.output, checked.output
                return
            for page in (project / "site").rglob("index.html"):
                for link in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select('a[data-action="start"]'):
                    hrefs.append(link["href"])
        finally:
            path.write_text(original, encoding="utf-8")

    one_case()
    print(f"\nfuzzed mynaportal_url: {len(hrefs)} start buttons checked")
    assert hrefs, "some cases built a start button"
    for href, host in zip(hrefs, _node_hosts(hrefs), strict=True):
        assert host == "myna.go.jp" or host.endswith(".myna.go.jp"), href


# Links: a symbolic link of some kind put in some input place. Whatever the combination, check and build agree,
# a link that leaves the inputs stops both naming the link, and nothing from outside reaches site/.
LINK_PLACES = ["docs/x.txt", "docs/help/x.md", "procedures/k09-x.yml", "life_events/x.yml", "finder/x.yml",
               "theme/x.html", "municipalities/x.yml", "questions/x.yml", "accessibility/x.json"]
LINK_TARGETS = ["outside-file", "proc-environ", "hidden-git", "dangling", "relative-up", "chain", "outside-folder", "inside"]


def test_fuzzed_links_never_publish_anything_from_outside(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TETSUZUKI_SETTINGS", raising=False)
    monkeypatch.setenv("TETSUZUKI_FLYER_PDFS", "0")
    monkeypatch.setenv("MY_FUZZ_SECRET", "fuzz-secret-4711")
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "file").write_text("root:x:0:0:fuzz-outside\n", encoding="utf-8")
    (project / ".git").mkdir(exist_ok=True)
    (project / ".git" / "config").write_text("extraheader = fuzz-token\n", encoding="utf-8")

    def target(kind: str, link: Path) -> str:
        return {
            "outside-file": str(outside / "file"),
            "proc-environ": "/proc/self/environ",
            "hidden-git": str(project / ".git" / "config"),
            "dangling": str(outside / "missing"),
            "relative-up": os.path.relpath(outside / "file", link.parent),
            "chain": str(outside / "chain"),
            "outside-folder": str(outside / "folder"),
            "inside": str(project / "docs" / "mojiwo-ookiku.md"),
        }[kind]

    (outside / "chain").symlink_to(outside / "file")

    @settings(max_examples=max(EXAMPLES // 5, 10), derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(place=st.sampled_from(LINK_PLACES), kind=st.sampled_from(LINK_TARGETS))
    def one_case(place: str, kind: str) -> None:
        if kind == "inside":
            place = "docs/" + Path(place).name.replace(".yml", ".md").replace(".json", ".md").replace(".html", ".md")
        link = project / place
        created = not link.parent.exists()
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target(kind, link))
        try:
            before = tree_digest(project / "site")
            checked, built = _invoke(project, "check"), _invoke(project, "build")
            for result in (checked, built):
                assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
            published = b"".join(p.read_bytes() for p in (project / "site").rglob("*") if p.is_file())
            assert b"fuzz-outside" not in published and b"fuzz-secret-4711" not in published and b"fuzz-token" not in published
            if kind != "inside":
                assert checked.exit_code == built.exit_code == 1, f"{place} -> {kind}\n{checked.output}\n{built.output}"
                assert f"{place}:1:1:" in checked.output and f"{place}:1:1:" in built.output
                assert tree_digest(project / "site") == before
        finally:
            link.unlink()
            if created:
                link.parent.rmdir()

    one_case()
