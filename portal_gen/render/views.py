"""What templates show, derived from the portal: perks under categories,
issues by year and by tag, an issue's cover and summary, where "I'm interested" goes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from itertools import groupby
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from portal_gen.addresses import tag_anchor
from portal_gen.markdown_html import ISSUE, to_html
from portal_gen.model import blocks
from portal_gen.model.events import Event
from portal_gen.model.portal import MORE, NewsletterIssue
from portal_gen.model.site import Site
from portal_gen.model.tiers import Perk
from portal_gen.render.formatting import link_target, markdown_text
from portal_gen.render.plaintext import one_line
from portal_gen.reuse import reusable
from portal_gen.texts.catalogs import translations


def interest_link(event: Event, site: Site) -> str:
    """Where "I'm interested" goes: the owner's form, told which event (``?event=<id>``, which
    form services can read into a hidden field), else an e-mail to the shop."""
    if site.interest_form:
        if site.interest_form.startswith("mailto:"):
            return site.interest_form
        parts = urlsplit(site.interest_form)
        query = "&".join(part for part in (parts.query, urlencode({"event": event.id})) if part)
        return urlunsplit(parts._replace(query=query))
    address = site.contact.email or ""
    subject = translations(site.locale).gettext("I'm interested: %(event)s") % {"event": event.title}
    return f"mailto:{address}?" + urlencode({"subject": subject}, quote_via=quote)


def perk_groups(perks: Iterable[Perk]) -> list[tuple[str | None, list[Perk]]]:
    """Perks under their categories, in the order the owner first used each category."""
    groups: dict[str | None, list[Perk]] = {}
    for perk in perks:
        groups.setdefault(perk.category, []).append(perk)
    return list(groups.items())


def by_year(issues: Iterable[NewsletterIssue]) -> list[tuple[int, list[NewsletterIssue]]]:
    return [(year, list(group)) for year, group in groupby(issues, key=lambda issue: issue.date.year)]


def by_tag(issues: Iterable[NewsletterIssue]) -> list[tuple[str, str, list[NewsletterIssue]]]:
    """Each tag (by name) with its anchor and its issues, newest first."""
    tagged: dict[str, tuple[str, list[NewsletterIssue]]] = {}
    for issue in issues:
        for tag in issue.tags:
            # "gift ideas" and "gift-ideas" share an anchor, so they share a section.
            tagged.setdefault(tag_anchor(tag), (tag, []))[1].append(issue)
    return [(tag, anchor, found) for anchor, (tag, found) in sorted(tagged.items(), key=lambda i: i[1][0])]


def cover(issue: NewsletterIssue) -> str:
    """The issue's cover image as Markdown, written from ``newsletter/<slug>.md``."""
    if not issue.image:
        return ""
    target = issue.image if "://" in issue.image else f"../{issue.image}"
    return f"![{markdown_text(issue.image_alt or '')}]({link_target(target)})\n\n"


@reusable()
def summarised(issue: NewsletterIssue) -> NewsletterIssue:
    """The issue with the summary the archive, the home page and the feeds show."""
    return dataclasses.replace(issue, summary=excerpt_summary(issue))


def excerpt_summary(issue: NewsletterIssue) -> str | None:
    """The summary from front matter, else what the owner wrote before ``<!-- more -->``,
    in one line: data blocks (a greeting, a list of events) are left out of a summary."""
    more = MORE.search(issue.body)
    if issue.summary or more is None:
        return issue.summary
    end = more.start()
    head = blocks.expand(issue.body[:end], tuple(c for c in issue.blocks if c.end <= end), lambda _: "")
    return one_line(to_html(head, ISSUE), links=False) or None


def fallback_name(site: Site) -> str:
    """Who "Hi ...," greets when a reader's first name is unknown: the owner's word, else the
    site language's ("Hi there," / "Hallo zusammen,")."""
    # Translators: the greeting says "Hi %(name)s," with this word when no first name is known.
    return site.newsletter_fallback_name or translations(site.locale).gettext("there")
