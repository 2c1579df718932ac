"""QR safety: a code on paper cannot be corrected after printing, so every address is checked before it is drawn.

An address may be put into a QR code (or be the one the flyer's guide page sends the resident on to) only if
it is ``https`` and on the allowlist:

* the site's own base URL from the municipality settings (same host, under the same path), and
* the official Mynaportal hosts: ``myna.go.jp`` and its subdomains (``app.oss.myna.go.jp`` is the
  ぴったりサービス host).

Anything else stops the build with an error naming the procedure and the address. The base URL itself must
be a public https address: no ``localhost``, no private network address, no user name, query or fragment.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.errors import BuildError

MYNAPORTAL_DOMAIN = "myna.go.jp"
"""Official Mynaportal domain: the domain itself and every subdomain are allowed."""

MYNAPORTAL_HOSTS = ("app.oss.myna.go.jp", MYNAPORTAL_DOMAIN)
"""The Mynaportal hosts named in the documentation (``app.oss.myna.go.jp`` is covered by the domain rule)."""

_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


class UnsafeQrUrl(BuildError):
    """An address that must not be printed in a QR code. The message is for the webmaster, in Japanese."""


@dataclass(frozen=True)
class Allowlist:
    """The addresses a printed QR code may lead to, for one municipality's site."""

    base_url: str
    """The site's base URL, always ending in ``/``."""

    def check(self, url: str, procedure: str) -> str:
        """Return ``url`` if it may be printed; raise ``UnsafeQrUrl`` naming ``procedure`` and the URL."""
        problem = _problem(url, self.base_url)
        if problem:
            raise UnsafeQrUrl(
                f"QR コードに できない URL です（{procedure}）: {url!r}\n"
                f"  理由: {problem}\n"
                f"  QR コードに できるのは、サイトの base_url（{self.base_url}）の 下の URL と、"
                f"マイナポータルの 公式の ホスト（{MYNAPORTAL_DOMAIN} と その サブドメイン）の https の URL だけです。"
            )
        return url


def site_allowlist(base_url: str | None, settings_name: str) -> Allowlist:
    """The allowlist for a site, after checking its ``base_url``. ``settings_name`` names the settings file.

    Raises ``UnsafeQrUrl`` if the base URL could not be printed safely (not https, a local address, …).
    """
    if not base_url:
        raise UnsafeQrUrl(f"{settings_name}: base_url が ありません。QR コードの チラシには サイトの 公開 URL が 必要です。")
    normalised = base_url if base_url.endswith("/") else base_url + "/"
    parts = urlsplit(normalised)
    reason = None
    if parts.scheme != "https" or not parts.hostname:
        reason = "https:// で はじまる 公開 URL に して ください。"
    elif parts.username or parts.password or "@" in parts.netloc:
        reason = "URL に ユーザー名（@）を 入れないで ください。"
    elif parts.query or parts.fragment or normalised.rstrip("/").endswith(("?", "#")):
        reason = "URL に ? や # を 入れないで ください。"
    elif any(character.isspace() for character in normalised):
        reason = "URL に 空白を 入れないで ください。"
    elif _is_local(parts.hostname):
        reason = f"「{parts.hostname}」は この パソコンや 内部の ネットワークの アドレスです。住民の スマートフォンでは ひらけません。"
    if reason:
        raise UnsafeQrUrl(f"{settings_name}: base_url「{base_url}」は チラシの QR コードに できません。{reason}")
    return Allowlist(normalised)


def _problem(url: str, base_url: str) -> str | None:
    """Why ``url`` may not be printed, or ``None`` when it may."""
    if any(character.isspace() or ord(character) < 0x20 for character in url):
        return "空白や 制御文字が 入って います。"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"https で ありません（{parts.scheme or 'スキーム なし'}）。"
    if parts.username or parts.password or "@" in parts.netloc:
        return "ユーザー名（@）が 入って います。"
    host = (parts.hostname or "").lower()
    if url.startswith(base_url) and urlsplit(base_url).netloc == parts.netloc:
        return None
    if parts.port is None and (host == MYNAPORTAL_DOMAIN or host.endswith("." + MYNAPORTAL_DOMAIN)):
        return None
    return f"ホスト「{host or '(なし)'}」は 許可されて いません。"


def _is_local(host: str) -> bool:
    host = host.lower().rstrip(".")
    if host in _LOCAL_NAMES or host.endswith(_LOCAL_SUFFIXES) or "." not in host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified
