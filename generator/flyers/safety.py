"""QR safety: a code on paper cannot be corrected after printing, so every address is checked before it is drawn.

An address may be put into a QR code (or be the one the flyer's guide page sends the resident on to) only if
the browser's URL rule (``generator.model.url_rule``: read as a browser reads it, and the same for Python)
accepts it and it is on the allowlist:

* the site's own base URL from the municipality settings (same host, under the same path), and
* the official Mynaportal hosts: ``myna.go.jp`` and its subdomains (``app.oss.myna.go.jp`` is the
  ぴったりサービス host).

Anything else stops the build with an error naming the procedure and the address. The base URL itself must
be a public https address: no ``localhost``, no private network address, no user name, query or fragment.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import BuildError
from generator.model.url_rule import MYNAPORTAL_DOMAIN, UrlRefused, read_url, site_url

MYNAPORTAL_HOSTS = ("app.oss.myna.go.jp", MYNAPORTAL_DOMAIN)
"""The Mynaportal hosts named in the documentation (``app.oss.myna.go.jp`` is covered by the domain rule)."""

__all__ = ["MYNAPORTAL_DOMAIN", "MYNAPORTAL_HOSTS", "Allowlist", "UnsafeQrUrl", "site_allowlist"]


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
    try:
        site_url(normalised)
    except UrlRefused as refused:
        raise UnsafeQrUrl(f"{settings_name}: base_url「{base_url}」は チラシの QR コードに できません。{refused}") from None
    return Allowlist(normalised)


def _problem(url: str, base_url: str) -> str | None:
    """Why ``url`` may not be printed, or ``None`` when it may."""
    try:
        reading = read_url(url)
    except UrlRefused as refused:
        return str(refused)
    if reading.is_mynaportal or reading.is_under(read_url(base_url)):
        return None
    return f"ホスト「{reading.host}」は 許可されて いません。"
