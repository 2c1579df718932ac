"""One URL rule, the browser's: every address the project checks or writes is read the way a browser reads it.

A resident's browser follows the WHATWG URL standard; Python's ``urlsplit`` follows RFC 3986. They disagree on
backslashes (``https://evil.example\\.myna.go.jp`` opens evil.example), full-width dots and letters (IDNA),
percent-encoded hosts, tabs and new lines (dropped), dot segments and default ports. A check made on one reading
and a link followed on the other is how an allowlist is bypassed, so an address is accepted only when:

* the browser can open it (parsed by ada, the WHATWG parser of Node.js, through the ``ada-url`` package),
* it is ``https``, with no user name or password, no space or control character,
* its host is a domain name written as the browser sends it (ASCII letters, digits and hyphens, no trailing dot),
  not an IP address, not a local name,
* Python reads the same host, port, path, query and fragment (percent-encoding aside), and
* that host is one the caller allows: any public host, Mynaportal's (``myna.go.jp`` and its subdomains), or the
  site's own base URL.

Refusals are ``UrlRefused`` (a ``ValueError``, so a pydantic field reports it as that field's message) with the
reason in Japanese and, where it helps, what the browser would open instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import ada_url

MYNAPORTAL_DOMAIN = "myna.go.jp"
"""Official Mynaportal domain: the domain itself and every subdomain are allowed."""

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".test", ".invalid")


class UrlRefused(ValueError):
    """An address the browser rule refuses; ``str()`` is the reason in Japanese."""


@dataclass(frozen=True)
class BrowserUrl:
    """An address as the browser reads it (and as Python reads it too: they were compared)."""

    href: str
    """The address as the browser writes it (host in lower-case ASCII, path percent-encoded)."""
    host: str
    port: str
    """Empty for the default port (443)."""
    path: str
    query: str
    """With its leading ``?`` (empty when there is none)."""
    fragment: str
    """With its leading ``#`` (empty when there is none)."""

    @property
    def is_mynaportal(self) -> bool:
        return not self.port and (self.host == MYNAPORTAL_DOMAIN or self.host.endswith("." + MYNAPORTAL_DOMAIN))

    def is_under(self, base: BrowserUrl) -> bool:
        """Same host and port as ``base`` and at or below its folder (``base.path`` ends in ``/``)."""
        return self.host == base.host and self.port == base.port and self.path.startswith(base.path)


@functools.lru_cache(maxsize=4096)
def read_url(text: str) -> BrowserUrl:
    """``text`` as a browser reads it; raises ``UrlRefused`` when it is not a public https address both readings agree on.

    Remembered per text (a pure function; the answer is frozen; a refusal is not remembered, so it is raised again
    for every field that has it): a catalog reads ~750 addresses, ~190 of them different (a source named by many
    procedures, a town's addresses checked by each model that holds them)."""
    bad = next((c for c in text if c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
    if bad is not None:
        raise UrlRefused(
            f"URL に 空白か 見えない 文字（U+{ord(bad):04X}）が あります。ブラウザは これを 消して 読むので、"
            "書いた ものと ちがう ところを ひらく ことが あります。消して ください。"
        )
    try:
        browser = ada_url.URL(text)
    except ValueError:
        browser = None
    try:
        python = urlsplit(text)
        python_port = python.port
    except ValueError:
        python = None
    if browser is None and python is not None and not python.scheme:
        # 「app.oss.myna.go.jp/x」: no scheme at all, the commonest slip when copying from a browser's bar.
        raise UrlRefused("https:// で はじまる URL に して ください（いまは https:// が ありません）。")
    if browser is None or python is None:
        raise UrlRefused(
            "ブラウザが ひらけない URL です。ホストの 部分に「%」「\\」「/」や 全角の 記号が 入って いないか "
            "たしかめて ください。"
        )
    if browser.protocol != "https:" or python.scheme != "https":
        raise UrlRefused(f"https:// で はじまる URL に して ください（いまは「{browser.protocol.rstrip(':')}」）。")
    if browser.username or browser.password or "@" in python.netloc:
        raise UrlRefused("URL に ユーザー名や「@」を 入れないで ください。ブラウザは「@」の 後ろの ホストを ひらきます。")
    reading = BrowserUrl(browser.href, browser.hostname, browser.port, browser.pathname, browser.search, browser.hash)
    opens = f"ブラウザは この URL で「{reading.host}」を ひらきます（{reading.href}）。"
    if browser.host_type != ada_url.HostType.DEFAULT:
        raise UrlRefused(f"IP アドレスでは なく ドメイン名で 書いて ください。{opens}")
    if python.hostname != reading.host:
        # Backslashes, percent-encoded or full-width hosts, IDNA, a missing "//": Python names another host.
        raise UrlRefused(
            f"書いた ホスト（{'「' + python.hostname + '」' if python.hostname else 'なし'}）と、ブラウザが ひらく ホストが ちがいます。{opens}"
            "半角の 英数字と「.」「-」だけで、ブラウザが ひらく とおりに 書いて ください。"
        )
    if python_port not in (None, 443) or reading.port:
        raise UrlRefused(f"ポート番号（:{python_port or reading.port}）は 使えません。消して ください。")
    if (unquote(python.path or "/"), unquote(python.query), unquote(python.fragment)) != (
        unquote(reading.path), unquote(reading.query[1:]), unquote(reading.fragment[1:])
    ):
        raise UrlRefused(
            f"ブラウザは この URL を「{reading.href}」と 読み、書いた ものと ちがう ページを ひらきます。"
            "「\\」や「/../」を 使わずに、ひらく ページの URL を そのまま 書いて ください。"
        )
    if reading.host.endswith("."):
        raise UrlRefused(f"ホスト「{reading.host}」の 最後の「.」を 消して ください。")
    if not all(_LABEL.match(label) for label in reading.host.split(".")):
        raise UrlRefused(f"ホスト「{reading.host}」に 使えない 文字が あります。半角の 英数字と「.」「-」だけで 書いて ください。")
    if not all(_punycode_ok(label) for label in reading.host.split(".")):
        raise UrlRefused(f"ホスト「{reading.host}」の「xn--」で はじまる 部分が 正しく ありません。ブラウザが ひらけない ことが あります。")
    if reading.host in _LOCAL_NAMES or reading.host.endswith(_LOCAL_SUFFIXES) or "." not in reading.host:
        raise UrlRefused(
            f"「{reading.host}」は この パソコンや 内部の ネットワークの アドレスです。住民の スマートフォンでは ひらけません。"
        )
    return reading


def _punycode_ok(label: str) -> bool:
    """An ``xn--`` label must be real punycode that encodes back to itself (browsers refuse the others)."""
    if not label.startswith("xn--"):
        return True
    unicode = ada_url.idna_to_unicode(label)
    encoded = ada_url.idna_to_ascii(unicode)
    return unicode != label and (encoded.decode() if isinstance(encoded, bytes) else encoded) == label


def public_url(text: str) -> str:
    """``text`` unchanged if it is a public https address (sources, the site's own address); else ``UrlRefused``."""
    read_url(text)
    return text


def mynaportal_url(text: str) -> str:
    """``text`` unchanged if a browser opens it on Mynaportal (``myna.go.jp`` or a subdomain); else ``UrlRefused``."""
    reading = read_url(text)
    if not reading.is_mynaportal:
        raise UrlRefused(
            f"マイナポータルの URL では ありません。ブラウザは「{reading.host}」を ひらきます。"
            f"{MYNAPORTAL_DOMAIN} か その サブドメイン（app.oss.myna.go.jp など）の URL を 書いて ください。"
        )
    return text


def site_url(text: str) -> str:
    """``text`` unchanged if it can be the site's base URL: a public https address without ``?`` or ``#``."""
    read_url(text)
    if "?" in text or "#" in text:
        raise UrlRefused("サイトの URL に ? や # を 入れないで ください。")
    return text
