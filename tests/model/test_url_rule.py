"""One URL rule, the browser's: each tricky address is judged by the host a browser would really open."""

from __future__ import annotations

import pytest

from generator.flyers.safety import UnsafeQrUrl, site_allowlist
from generator.model.url_rule import UrlRefused, mynaportal_url, public_url, read_url

# (address, what a browser opens, or None when a browser cannot open it at all). Every one is refused as a
# Mynaportal link and as a QR code; all but the few in READ_ALIKE are refused wherever a URL is written.
OPENS_ELSEWHERE = [
    # P1: a backslash ends the host in a browser; Python keeps it in the host.
    ("https://evil.example\\.myna.go.jp/k01", "evil.example"),
    ("https://evil.example\\\\x.myna.go.jp/k01", "evil.example"),
    ("https:\\\\evil.example/.myna.go.jp", "evil.example"),
    ("https://a.myna.go.jp\\@evil.example/", "a.myna.go.jp"),
    # userinfo: the host is after the "@".
    ("https://myna.go.jp@evil.example/k01", "evil.example"),
    ("https://user:pw@myna.go.jp/", "myna.go.jp"),
    # "#" and "?" end the host.
    ("https://evil.example#.myna.go.jp/", "evil.example"),
    ("https://evil.example?.myna.go.jp/", "evil.example"),
    # a missing "//": browsers still find a host, Python finds none.
    ("https:/evil.example/x", "evil.example"),
    ("https:evil.example/x", "evil.example"),
    # percent-encoding in the host.
    ("https://evil.example%5C.myna.go.jp/k01", None),
    ("https://evil.example%2F.myna.go.jp/k01", None),
    ("https://evil.example%E3%80%82myna.go.jp/", "evil.example.myna.go.jp"),
    ("https://my%6Ea.go.jp/k01", "myna.go.jp"),
    ("https://myna.go.jp%00/", None),
    # characters a browser would not send as they are.
    ("https://evil.example;.myna.go.jp/k01", "evil.example;.myna.go.jp"),
    ("https://xn--mna-0ed.go.jp/k01", "xn--mna-0ed.go.jp"),
    ("https://mуna.go.jp/k01", "xn--mna-dfd.go.jp"),  # Cyrillic у
    ("https://xn--mna-0edxn--mna-0edmyna.go.jp/", None),  # not punycode: ada reads it, browsers refuse it
    # full-width letters and dots: IDNA maps them, Python does not.
    ("https://ｍｙｎａ.go.jp/k01", "myna.go.jp"),
    ("https://myna。go。jp/k01", "myna.go.jp"),
    ("https://myna．go．jp/", "myna.go.jp"),
    ("https://ｅｖｉｌ．ｅｘａｍｐｌｅ／.myna.go.jp/", None),
    ("https://evil.example\u3000.myna.go.jp/", None),
    # tabs, new lines, spaces and invisible characters are dropped or refused by browsers.
    ("https://evil.example\t.myna.go.jp/", "evil.example.myna.go.jp"),
    ("https://evil.\nexample.myna.go.jp/", "evil.example.myna.go.jp"),
    (" https://myna.go.jp/k01", "myna.go.jp"),
    ("https://myna.go.jp/k01\u200b", "myna.go.jp"),
    ("https://myna.go.jp\x00.evil/", None),
    # trailing dots, ports, IP addresses, local names.
    ("https://myna.go.jp./k01", "myna.go.jp."),
    ("https://myna.go.jp../k01", "myna.go.jp.."),
    ("https://myna.go.jp:8443/k01", "myna.go.jp"),
    ("https://0x7f.1/", "127.0.0.1"),
    ("https://2130706433/", "127.0.0.1"),
    ("https://[::1]/", "[::1]"),
    ("https://203.0.113.5/", "203.0.113.5"),
    ("https://localhost/", "localhost"),
    ("https://intranet/", "intranet"),
    ("https://printer.local/", "printer.local"),
    # a path the browser rewrites.
    ("https://app.oss.myna.go.jp/a/../b", "app.oss.myna.go.jp"),
    ("https://evil.example/\\\\.myna.go.jp", "evil.example"),
    # other schemes.
    ("http://app.oss.myna.go.jp/k01", "app.oss.myna.go.jp"),
    ("javascript:alert(1)", None),
    ("data:text/html,x", None),
    ("//myna.go.jp/k01", None),
    ("", None),
]


READ_ALIKE = {
    # Python and browsers agree on these, so only the host decides: evil.example is not Mynaportal.
    "https://evil.example#.myna.go.jp/",
    "https://evil.example?.myna.go.jp/",
    "https://xn--mna-0ed.go.jp/k01",
}


@pytest.mark.parametrize(("url", "opens"), OPENS_ELSEWHERE)
def test_an_address_a_browser_reads_differently_or_cannot_open_safely_is_refused(url: str, opens: str | None) -> None:
    with pytest.raises(UrlRefused) as raised:
        mynaportal_url(url)
    assert not str(raised.value).isascii()  # a Japanese sentence
    if url in READ_ALIKE:
        assert read_url(url).host == opens
    else:
        with pytest.raises(UrlRefused):
            public_url(url)
    with pytest.raises(UnsafeQrUrl):
        site_allowlist("https://testtown.example/guide/", "testtown.yml").check(url, "k01")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://evil.example\\.myna.go.jp/k01", "evil.example"),
        ("https://myna.go.jp@evil.example/k01", "「@」の 後ろの ホスト"),
        ("https://ｍｙｎａ.go.jp/k01", "「myna.go.jp」を ひらきます"),
        ("https://myna.go.jp./k01", "最後の「.」"),
        ("https://myna.go.jp:8443/k01", "ポート番号（:8443）"),
        ("https://0x7f.1/", "IP アドレス"),
        ("https://app.oss.myna.go.jp/a/../b", "https://app.oss.myna.go.jp/b"),
        ("https://evil.example\t.myna.go.jp/", "U+0009"),
        ("http://app.oss.myna.go.jp/k01", "https:// で はじまる"),
    ],
)
def test_the_refusal_says_what_the_browser_would_do(url: str, shown: str) -> None:
    with pytest.raises(UrlRefused) as raised:
        read_url(url)
    assert shown in str(raised.value)


# Addresses that are fine: the same for Python and browsers, even when not written in the browser's exact form.
SAME_READING = [
    ("https://app.oss.myna.go.jp/Application/procdetail/initGet?2xlLmb9kDt8Lupg9m1IX/ZUqT1OF3EF+Pg==", "app.oss.myna.go.jp"),
    ("https://myna.go.jp/", "myna.go.jp"),
    ("https://myna.go.jp", "myna.go.jp"),
    ("https://myna.go.jp:443/k01", "myna.go.jp"),  # the default port: the same place
    ("https://faq.myna.go.jp/print/faq/4288", "faq.myna.go.jp"),
    ("https://MYNA.GO.JP/k01", "myna.go.jp"),
    ("HTTPS://app.oss.myna.go.jp/x", "app.oss.myna.go.jp"),
    ("https://app.oss.myna.go.jp/手続き?名前=あ#x", "app.oss.myna.go.jp"),
    ("https://app.oss.myna.go.jp/a%2F..%2Fb", "app.oss.myna.go.jp"),
]


@pytest.mark.parametrize(("url", "host"), SAME_READING)
def test_an_address_both_readings_agree_on_is_kept_as_written(url: str, host: str) -> None:
    assert read_url(url).host == host
    assert mynaportal_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.town.hashikami.lg.jp/index.cfm/8,0,html",
        "https://www.cfa.go.jp/policies/kokoseido/jidouteate/",
        "https://testtown.example/guide/",
        "https://xn--eckwd4c7c.xn--zckzah/",  # an IDN written as browsers send it
    ],
)
def test_a_public_address_elsewhere_is_fine_for_a_source_but_not_as_mynaportal(url: str) -> None:
    assert public_url(url) == url
    with pytest.raises(UrlRefused, match="マイナポータルの URL では ありません"):
        mynaportal_url(url)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://testtown.example/guide/p/k01/", True),
        ("https://testtown.example/guide/", True),
        ("https://app.oss.myna.go.jp/x", True),
        ("https://testtown.example/guidebook/", False),
        ("https://testtown.example/other/", False),
        ("https://testtown.example:8443/guide/", False),
        ("https://testtown.example/guide/../admin/", False),
        ("https://testtown.example\\@evil.example/guide/", False),
        ("https://evil.example\\.testtown.example/guide/", False),
    ],
)
def test_a_qr_code_leads_only_under_the_site_or_to_mynaportal(url: str, allowed: bool) -> None:
    allowlist = site_allowlist("https://testtown.example/guide/", "testtown.yml")
    if allowed:
        assert allowlist.check(url, "k01") == url
    else:
        with pytest.raises(UnsafeQrUrl):
            allowlist.check(url, "k01")


def test_the_table_says_what_node_and_so_browsers_read() -> None:
    # Node.js's URL is the WHATWG parser; the table's second column is checked against it, not assumed.
    from tests.commands.test_fuzz import _node_hosts

    urls = [url for url, _ in OPENS_ELSEWHERE if url.startswith(("https:", "http:"))]
    expected = {url: opens for url, opens in OPENS_ELSEWHERE}
    assert dict(zip(urls, _node_hosts(urls), strict=True)) == {url: expected[url] for url in urls}


def test_an_address_read_again_gets_the_same_answer_and_a_refusal_is_given_every_time() -> None:
    # read_url remembers its answers (a catalog reads the same source address many times): a refused address
    # must still be refused for every field that has it, and a good one read the same way each time.
    for _ in range(3):
        with pytest.raises(UrlRefused):
            public_url("https://evil.example\\.myna.go.jp/k01")
    assert read_url("https://Example.JP/a") == read_url("https://Example.JP/a")
    assert read_url("https://Example.JP/a").host == "example.jp"
