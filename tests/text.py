"""Comparing what a page shows with the spaced source text (the YAML writes phrases with spaces between them).

The standard edition writes the source's phrase spaces as ``<wbr>`` in HTML (no character) and as U+200B in
scripts' strings (generator/editions/spacing.py); the やさしい edition keeps them. Tests that look for source
text on a page compare both sides without those spaces.
"""

from __future__ import annotations

import re


def squash(text: str) -> str:
    """``text`` without white space and U+200B."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "\u200b")


def loose(text: str) -> re.Pattern[str]:
    """A pattern for ``text`` that matches it with or without its phrase spaces (for accessible names)."""
    return re.compile(r"[\s\u200b]*".join(re.escape(ch) for ch in squash(text)))


def shows(text: str, html_or_text: str) -> bool:
    """Whether ``text`` (spaced source words) appears in ``html_or_text`` once phrase spaces and ``<wbr>`` are gone."""
    return squash(text) in squash(html_or_text.replace("<wbr>", ""))
