"""The e-mail edition of a newsletter issue: HTML, plain text and optionally a .eml.

The same Markdown as the archive page, with its data blocks, becomes an e-mail that mail
clients render: one table-based column (with a fixed-width "ghost" table for Outlook, which
ignores max-width), every style inlined with css-inline (Gmail and others drop <style>),
every link and image absolute, a "view in the browser" link to the archive page and the
sending service's unsubscribe link. The reader's first name and the unsubscribe address
are written in the merge-tag dialect of the owner's e-mail service, chosen in site.yml.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

import css_inline
import jinja2
from markupsafe import Markup

from portal_gen.errors import PortalError, did_you_mean
from portal_gen.model.portal import NewsletterIssue, Portal
from portal_gen.model.site import Site
from portal_gen.render import feeds
from portal_gen.render.environment import Templates, environment, render_template
from portal_gen.render.pages import Renderer, formatter, issue_body
from portal_gen.render.plaintext import html_to_text
from portal_gen.render.sanitize import legal_html, legal_text
from portal_gen.render.views import excerpt_summary, fallback_name
from portal_gen.texts.catalogs import translations

#: Where e-mails are written, relative to the portal root.
EMAIL_FOLDER = Path("build") / "email"

# Stand-ins that pass through Markdown, Jinja escaping and CSS inlining untouched; the merge
# tags themselves (with their stars, braces and quotes) are put in last.
_FIRST_NAME = "PORTALGENFIRSTNAMEPLACEHOLDER"
_FORMAL = "PORTALGENFORMALGREETINGPLACEHOLDER"
_UNSUBSCRIBE = "PORTALGENUNSUBSCRIBEPLACEHOLDER"


@dataclass(frozen=True)
class Dialect:
    """How one e-mail service writes a subscriber's first name, with FALLBACK where the name
    for subscribers without one goes, and their own unsubscribe address."""

    first_name: str
    unsubscribe: str
    #: The formal greeting: {named} where the reader's full name is known, {none} where not.
    formal: str = "{none}"
    #: The reader's full name, in the service's merge tags.
    full_name: str = ""


DIALECTS = {
    "mailchimp": Dialect(
        "*|IF:FNAME|**|FNAME|**|ELSE:|*FALLBACK*|END:IF|*",
        "*|UNSUB|*",
        "*|IF:LNAME|*{named}*|ELSE:|*{none}*|END:IF|*",
        "*|FNAME|* *|LNAME|*",
    ),
    "buttondown": Dialect(
        "{% if subscriber.metadata.first_name %}{{ subscriber.metadata.first_name }}"
        "{% else %}FALLBACK{% endif %}",
        "{{ unsubscribe_url }}",
        "{% if subscriber.metadata.last_name %}{named}{% else %}{none}{% endif %}",
        "{{ subscriber.metadata.first_name }} {{ subscriber.metadata.last_name }}",
    ),
    "listmonk": Dialect(
        "{{ if .Subscriber.FirstName }}{{ .Subscriber.FirstName }}{{ else }}FALLBACK{{ end }}",
        "{{ UnsubscribeURL }}",
        "{{ if .Subscriber.Name }}{named}{{ else }}{none}{{ end }}",
        "{{ .Subscriber.Name }}",
    ),
    # Liquid-style, understood by many services and easy to search and replace by hand.
    "neutral": Dialect(
        '{{ first_name | default: "FALLBACK" }}',
        "{{ unsubscribe_url }}",
        "{% if last_name %}{named}{% else %}{none}{% endif %}",
        "{{ first_name }} {{ last_name }}",
    ),
}


class IssueNotFoundError(PortalError):
    """``newsletter email`` was given a slug that names no issue."""


class EmailSenderError(PortalError):
    """A .eml needs a From address and the site has none."""


@dataclass(frozen=True)
class IssueEmail:
    """One issue as an e-mail: with the service's merge tags in place, and as a preview that
    reads like a sent copy (a sample reader's name, an unsubscribe link by e-mail)."""

    issue: NewsletterIssue
    subject: str
    html: str
    text: str
    preview_html: str
    preview_text: str


def _unsubscribe(site: Site) -> str:
    """The subject of the e-mail that unsubscribes, in the site's language, as a mailto query."""
    return quote(translations(site.locale).gettext("Unsubscribe"))


def sample_reader(site: Site) -> tuple[str, str]:
    """The first and full name the preview greets, usual ones in the site's language."""
    texts = translations(site.locale)
    # Translators: a common first name; the e-mail preview greets its reader by it ("Hello Alex,").
    first = texts.gettext("Alex")
    # Translators: a common family name; the preview's formal greeting reads "Dear Alex Morgan,".
    family = texts.gettext("Morgan")
    return first, f"{first} {family}"


def find_issue(portal: Portal, slug: str) -> NewsletterIssue:
    """Any issue, published or not: a draft is exactly what one previews as an e-mail.
    ``slug`` may also be the issue's file name or path (``content/newsletter/<slug>.md``)."""
    slug = PurePosixPath(slug.replace("\\", "/")).stem if slug.endswith(".md") else slug
    issues = {issue.slug: issue for issue in (*portal.issues, *portal.unpublished)}
    if slug in issues:
        return issues[slug]
    listed = ", ".join(sorted(issues)) or "none yet"
    raise IssueNotFoundError(
        f"no newsletter issue {slug!r} (looked for content/newsletter/{slug}.md)"
        f"{did_you_mean(slug, issues)}; the issues are: {listed}"
    )


def render_email(portal: Portal, templates: Templates, slug: str) -> IssueEmail:
    """The e-mail of issue ``slug``, with the merge tags of the site's e-mail service."""
    site = portal.site
    issue = find_issue(portal, slug)
    dialect = DIALECTS[site.newsletter_service]
    renderer = Renderer(portal, templates, recipient=_FIRST_NAME, formal=_FORMAL)
    body_html = feeds.issue_html(site, issue_body(renderer, issue))
    env = environment(templates, markdown_pages=False, locale=site.locale)  # they name no tiers
    fmt = formatter(site.locale, site.currency, site.timezone)
    context = {
        "site": site,
        "issue": issue,
        "subject": issue.title,
        "date": fmt.date(issue.date, "full"),
        "summary": excerpt_summary(issue) or "",
        "cover_url": feeds.cover_url(site, issue),
        "logo_url": feeds.image_url(site, site.logo),
        # The brand colour passed check's contrast test against white, as links and buttons
        # on the e-mail's white column need; without one, the sample's greens.
        "accent_color": site.brand_color or "#2e7d32",
        "heading_color": site.brand_color or "#1b3d1f",
        "archive_url": feeds.issue_url(site, issue),
        "home_url": site.url,
        "unsubscribe_url": Markup(_UNSUBSCRIBE),
        "lang": site.locale.split("_")[0],
        "legal_html": legal_html(site.legal, site.url),
        "legal_text": legal_text(site.legal, site.url),
    }
    page = _render(env, "email/issue.html", body=Markup(body_html), **context)
    # Gmail, Outlook and others ignore or strip <style>: every rule goes into the elements.
    inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)
    html = inliner.inline(page).rstrip() + "\n"
    text = _render(env, "email/issue.txt", body=html_to_text(body_html), **context)
    # Text from the owner and the data must not read as the service's own template syntax.
    html, text = _inert(html, html=True), _inert(text, html=False)
    address = site.contact.email
    unsubscribe = f"mailto:{address}?subject={_unsubscribe(site)}" if address else site.url
    first, full = sample_reader(site)
    # The preview greets a sample reader by name, as the service greets each subscriber, so
    # the owner reads the issue as it arrives ("Hello Alex,"), not as a reader without a name.
    preview = Dialect(first, unsubscribe, "{named}", full)
    return IssueEmail(
        issue,
        " ".join(issue.title.split()),
        _merge_tags(html, site, dialect),
        _merge_tags(text, site, dialect),
        _merge_tags(html, site, preview),
        _merge_tags(text, site, preview),
    )


def _inert(text: str, html: bool) -> str:
    """``text`` with every merge-tag delimiter the services know ({{ {% *| and their ends)
    broken up: by a character reference in HTML, by a space in plain text."""
    for pair in ("{{", "{%", "*|", "%}", "}}", "|*"):
        text = text.replace(pair, f"{pair[0]}&#{ord(pair[1])};" if html else f"{pair[0]} {pair[1]}")
    return text


def _render(env: jinja2.Environment, template: str, **context: Any) -> str:
    # A broken override of the e-mail template is named by file and line, like a page's.
    return render_template(env, template, context)


def _merge_tags(text: str, site: Site, dialect: Dialect) -> str:
    first_name = dialect.first_name.replace("FALLBACK", fallback_name(site))
    texts = translations(site.locale)
    # replace, not str.format: the services' own syntax is full of braces.
    named = texts.gettext("Dear %(name)s,") % {"name": dialect.full_name}
    formal = dialect.formal.replace("{named}", named).replace("{none}", texts.gettext("Dear Sir or Madam,"))
    text = text.replace(_FIRST_NAME, first_name).replace(_FORMAL, formal)
    return text.replace(_UNSUBSCRIBE, dialect.unsubscribe)


def eml(mail: IssueEmail, portal: Portal) -> bytes:
    """A multipart/alternative message any mail client opens, for a last look before sending:
    the greeting names a sample reader and unsubscribing is by e-mail to the shop.

    Outlook opens it as an unsent draft (X-Unsent); the date is the issue's, so the file is
    the same from one run to the next.
    """
    site = portal.site
    if not site.contact.email:
        raise EmailSenderError(
            "data/site.yml: contact.email: a .eml needs a sender; add the shop's address, "
            "like 'contact: {email: hello@example.com}'"
        )
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = mail.subject
    local, _, domain = site.contact.email.partition("@")
    if not local.isascii():
        raise EmailSenderError(
            f"data/site.yml: contact.email: a .eml needs an address mail servers accept; the part "
            f"before @ must be plain ASCII, got {site.contact.email!r}"
        )
    # A domain with accents is written in its ASCII form (IDNA) in mail headers.
    message["From"] = Address(" ".join(site.name.split()), local, domain.encode("idna").decode("ascii"))
    sent = dt.datetime.combine(mail.issue.date, dt.time(9, 0), tzinfo=portal.zone)
    message["Date"] = format_datetime(sent)
    host = urlsplit(site.url).hostname or domain
    message["Message-ID"] = f"<{mail.issue.slug}.newsletter@{host}>"
    message["X-Unsent"] = "1"
    # RFC 2369: mail clients show an "Unsubscribe" button for it. The preview's way out is an
    # e-mail to the shop; the sending service replaces it with its own one-click address
    # (RFC 8058, List-Unsubscribe-Post), which only it can make for each reader.
    sender = message["From"].addresses[0].addr_spec
    message["List-Unsubscribe"] = f"<mailto:{sender}?subject={_unsubscribe(portal.site)}>"
    # The preview reads like a copy a reader got: opened and sent from a mail client, it must
    # not show raw merge tags.
    message.set_content(mail.preview_text)
    message.add_alternative(mail.preview_html, subtype="html")
    # The standard library picks a random boundary; one derived from the content keeps the
    # file identical from run to run (and, being a hash, will not turn up inside the parts).
    digest = hashlib.sha256((mail.preview_text + mail.preview_html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"portal-gen-{digest}")
    return message.as_bytes()


def email_files(portal: Portal, templates: Templates, slug: str, with_eml: bool = False) -> dict[str, bytes]:
    """The files ``newsletter email`` writes into ``build/email/``."""
    mail = render_email(portal, templates, slug)
    files = {f"{slug}.html": mail.html.encode("utf-8"), f"{slug}.txt": mail.text.encode("utf-8")}
    if with_eml:
        files[f"{slug}.eml"] = eml(mail, portal)
    return files
