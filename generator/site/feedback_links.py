"""What the 「この ページは 役に 立ちましたか」 block of a page links to: two answer pages and the department.

No script, cookie, other origin or stored state: the answers are plain same-origin links to static pages
(``urls.feedback_url``) and the town's own web-server log counts them (``tetsuzuki feedback report``). The
「わからなかった ことを 知らせる」 link goes to the department's own channel, in this order: the town's form
(``form_url``, an https URL checked like every URL), its mail address (``email``), its phone, else the help
page about whom to ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from generator.loading.strings import StringTable
from generator.model.municipality import Department
from generator.site import urls


@dataclass(frozen=True)
class FeedbackBlock:
    """The links of one page's feedback block."""

    key: str
    """The page's key in the answer addresses: a procedure id (``k01``) or a life event (``birth``)."""
    page_title: str
    yes: str
    """Site-relative address of the 「はい」 page."""
    no: str
    tell_href: str
    """Where 「わからなかった ことを 知らせる」 leads: https form, mailto:, tel: or a site-relative help page."""
    tell_kind: str
    """``form``, ``email``, ``phone`` or ``help``: the page says what the link opens."""
    department: Department


def feedback_block(key: str, page_title: str, department: Department, words: StringTable) -> FeedbackBlock:
    href, kind = tell_link(page_title, department, words)
    return FeedbackBlock(
        key=key,
        page_title=page_title,
        yes=urls.feedback_url(key, "yes"),
        no=urls.feedback_url(key, "no"),
        tell_href=href,
        tell_kind=kind,
        department=department,
    )


def tell_link(page_title: str, department: Department, words: StringTable) -> tuple[str, str]:
    """The department's channel for 「わからなかった こと」, with its kind (see the module docstring)."""
    if department.form_url:
        return department.form_url, "form"
    if department.email:
        # RFC 6068: the subject is percent-encoded UTF-8, so mail programs show the page's title.
        subject = quote(words.plain("feedback.mail_subject", page=page_title), safe="")
        return f"mailto:{department.email}?subject={subject}", "email"
    if department.phone:
        return "tel:" + department.phone.replace("-", ""), "phone"
    return urls.HELP_CONTACT, "help"
