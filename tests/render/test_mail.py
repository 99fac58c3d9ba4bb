"""Tests for portal_gen.render.mail: an issue as an e-mail that mail clients render, in every dialect."""

from __future__ import annotations

import email
import email.policy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, files_of, problems, templates_of

from portal_gen.app import Run, load_portal, newsletter_email
from portal_gen.render import feeds
from portal_gen.render.environment import Templates
from portal_gen.render.mail import EmailSenderError, IssueNotFoundError, eml, find_issue, render_email

ISSUE = "2026-11-yoga-piano-and-a-preview"

GREETINGS = {
    "mailchimp": "Hello *|IF:FNAME|**|FNAME|**|ELSE:|*there*|END:IF|*,",
    "buttondown": "Hello {% if subscriber.metadata.first_name %}{{ subscriber.metadata.first_name }}"
    "{% else %}there{% endif %},",
    "listmonk": "Hello {{ if .Subscriber.FirstName }}{{ .Subscriber.FirstName }}{{ else }}there{{ end }},",
    "neutral": 'Hello {{ first_name | default: "there" }},',
}
UNSUBSCRIBE = {
    "mailchimp": "*|UNSUB|*",
    "buttondown": "{{ unsubscribe_url }}",
    "listmonk": "{{ UnsubscribeURL }}",
    "neutral": "{{ unsubscribe_url }}",
}


def _with_service(root: Path, service: str, fallback: str | None = None) -> Path:
    site = root / "data" / "site.yml"
    text = re.sub(r"newsletter_service: \w+\n", "", site.read_text())
    # The sample's form signs readers up with Buttondown; another sender needs its own form,
    # and a plain sign-up link goes with any.
    text = re.sub(r"newsletter_signup:\n(  .*\n)+", "newsletter_signup: https://signup.example/\n", text)
    text += f"newsletter_service: {service}\n"
    if fallback:
        text += f"newsletter_fallback_name: {fallback}\n"
    site.write_text(text)
    return root


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [value or "" for name, value in attrs if name in ("href", "src")]


def _parsed(html: str) -> _Links:
    links = _Links()
    links.feed(html)
    return links


@pytest.mark.parametrize("service", list(GREETINGS))
def test_greeting_and_unsubscribe_in_each_services_merge_tags(sample_copy: Path, service: str) -> None:
    """The first name and unsubscribe link are written as the chosen service expects, with the
    fallback for readers without a first name, in both the HTML and the plain text."""
    portal = load_portal(Run(_with_service(sample_copy, service), SAMPLE_TODAY))
    mail = render_email(portal, templates_of(sample_copy), ISSUE)
    assert f"<p>{GREETINGS[service]}</p>" in mail.html.replace(' style="margin: 0 0 16px 0;"', "")
    assert f'<a href="{UNSUBSCRIBE[service]}"' in mail.html
    assert GREETINGS[service] in mail.text
    assert f"Unsubscribe: {UNSUBSCRIBE[service]}" in mail.text
    assert "PLACEHOLDER" not in mail.html + mail.text


def test_fallback_name_comes_from_site_yml(sample_copy: Path) -> None:
    """newsletter_fallback_name replaces "there" in the merge tag."""
    portal = load_portal(Run(_with_service(sample_copy, "mailchimp", "neighbor"), SAMPLE_TODAY))
    assert (
        "Hello *|IF:FNAME|**|FNAME|**|ELSE:|*neighbor*|END:IF|*,"
        in render_email(portal, Templates(), ISSUE).text
    )


def test_fallback_name_that_would_break_a_merge_tag_is_refused(sample_copy: Path) -> None:
    """Braces or quotes in the fallback would break the service's syntax: a clear error."""
    site = sample_copy / "data" / "site.yml"
    site.write_text(site.read_text() + 'newsletter_fallback_name: "{{ friend }}"\n')
    line = len(site.read_text().splitlines())
    assert problems(sample_copy) == [
        f"data/site.yml:{line}:1: newsletter_fallback_name: expected a few plain words like 'there' or "
        "'neighbor', got '{{ friend }}'; remove '{': only letters, digits, spaces, apostrophes, hyphens "
        "and dots fit in a merge tag"
    ]


@pytest.mark.parametrize(
    ("fallback", "fix"),
    [
        (
            "friend*",
            "remove '*': only letters, digits, spaces, apostrophes, hyphens and dots fit in a merge tag",
        ),
        ("dear friend and good neighbor of the shop", "keep it to 40 characters or fewer"),
        ("'friend", "start with a letter"),
        ("friend-", "end with a letter, a digit or a dot"),
    ],
)
def test_a_fallback_name_error_names_what_to_change(sample_copy: Path, fallback: str, fix: str) -> None:
    """The message names the character that is not allowed, or the rule that is broken."""
    site = sample_copy / "data" / "site.yml"
    site.write_text(site.read_text() + f'newsletter_fallback_name: "{fallback}"\n')
    (message,) = problems(sample_copy)
    assert message.startswith(
        f"data/site.yml:{len(site.read_text().splitlines())}:1: newsletter_fallback_name:"
    )
    assert message.endswith(f"; {fix}")


def test_archive_page_and_feeds_show_the_fallback_never_a_merge_tag(sample_copy: Path) -> None:
    """On the web the greeting reads "Hello there," whatever the service."""
    for service in GREETINGS:
        files = files_of(_with_service(sample_copy, service), SAMPLE_TODAY)
        published = [
            files[f"newsletter/{ISSUE}.md"],
            files[feeds.RSS],
            files[feeds.ATOM],
            files[feeds.JSON_FEED],
        ]
        for data in published:
            text = data.decode()
            assert "Hello there," in text
            for fragment in ("*|", "FNAME", "first_name", "Subscriber", "PLACEHOLDER", "{%"):
                assert fragment not in text, (service, fragment)


def test_layout_is_inline_styles_in_tables_not_a_style_element(sample_copy: Path) -> None:
    """Clients that drop <style> still get the layout: a centred 600 px table column (with a
    fixed-width table for Outlook), every rule copied onto its elements."""
    html = render_email(load_portal(Run(sample_copy, SAMPLE_TODAY)), templates_of(sample_copy), ISSUE).html
    assert "<style" not in html
    assert 'role="presentation"' in html
    assert re.search(r'<table class="column"[^>]*width="100%"[^>]*style="max-width: 600px;', html)
    assert '<!--[if mso]><table role="presentation" width="600"' in html
    assert re.search(r'<h2 style="[^"]*font-size: 21px', html)
    # Every paragraph carries its own spacing.
    assert not re.search(r"<p>", html)


def test_every_link_and_image_is_absolute(sample_copy: Path) -> None:
    """No relative address (it would point nowhere inside a mail client); the only other
    href is the service's unsubscribe merge tag."""
    mail = render_email(
        load_portal(Run(_with_service(sample_copy, "mailchimp"), SAMPLE_TODAY)), Templates(), ISSUE
    )
    urls = _parsed(mail.html).urls
    assert "https://brambleandbloom.example/events/kids-yoga/" in urls  # from the data block
    assert "https://brambleandbloom.example/newsletter/2026-11-yoga-piano-and-a-preview/" in urls
    assert [url for url in urls if not url.startswith(("https://", "mailto:"))] == ["*|UNSUB|*"]


def test_cover_image_is_absolute_with_a_width_for_outlook(sample_copy: Path) -> None:
    """The cover image points at the published site and has a width attribute."""
    mail = render_email(
        load_portal(Run(sample_copy, SAMPLE_TODAY)), Templates(), "2026-10-autumn-at-the-shop"
    )
    image = re.search(r'<img class="cover"[^>]*>', mail.html)
    assert image is not None
    assert 'src="https://brambleandbloom.example/images/autumn-cover.png"' in image[0]
    assert 'width="552"' in image[0]
    assert 'alt="Bands of rust, amber and green, the colours of Damen Avenue in October"' in image[0]


def test_view_in_browser_and_preheader(sample_copy: Path) -> None:
    """The first link opens the archive page; the hidden preheader is the summary."""
    mail = render_email(load_portal(Run(sample_copy, SAMPLE_TODAY)), Templates(), ISSUE)
    assert _parsed(mail.html).urls[0] == f"https://brambleandbloom.example/newsletter/{ISSUE}/"
    assert ">Kids' yoga returns in December, the first piano lessons are booked" in mail.html
    # Hidden in every client: not shown, no size, no opacity, Outlook's own switch.
    hidden = re.search(r'<div style="([^"]*)">Kids\' yoga returns', mail.html)
    assert hidden is not None
    for rule in ("display: none", "max-height: 0", "opacity: 0", "font-size: 1px", "mso-hide: all"):
        assert rule in hidden[1]
    assert mail.html.count("\u034f\u200c&nbsp;") == 60  # the filler, as css-inline writes it
    assert (
        f"View this issue in your browser: https://brambleandbloom.example/newsletter/{ISSUE}/" in mail.text
    )


def test_plain_text_has_the_same_content_and_no_tags(sample_copy: Path) -> None:
    """The text part reads on its own: headings, the events list with addresses, no markup."""
    text = render_email(load_portal(Run(sample_copy, SAMPLE_TODAY)), Templates(), ISSUE).text
    assert not re.search(r"<[a-zA-Z/!]", text)
    assert "Yoga, again\n===========\n" in text
    assert "- Kids' yoga with Lotus Tree Yoga\n  (https://brambleandbloom.example/events/kids-yoga/)" in text
    assert "> My daughter talked about yoga for a week" in text
    # Paragraphs are wrapped for reading; only a long address or merge tag may run over.
    assert all(len(line) <= 72 for line in text.splitlines() if not re.search(r"://|\{\{", line))


def test_drafts_can_be_previewed_and_a_file_path_names_an_issue(sample_copy: Path) -> None:
    """A draft is not on the site but can be written as an e-mail, named by slug or file."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert find_issue(portal, "2026-12-holiday-wrapping").draft
    assert (
        find_issue(portal, "content/newsletter/2026-12-holiday-wrapping.md").slug
        == "2026-12-holiday-wrapping"
    )


def test_unknown_issue_names_the_issues_there_are(sample_copy: Path) -> None:
    """A mistyped slug gets a suggestion and the list of issues."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    with pytest.raises(IssueNotFoundError) as failure:
        find_issue(portal, "2026-10-autumn-at-the-shpo")
    assert str(failure.value) == (
        "no newsletter issue '2026-10-autumn-at-the-shpo' (looked for "
        "content/newsletter/2026-10-autumn-at-the-shpo.md) (did you mean '2026-10-autumn-at-the-shop'?); "
        "the issues are: 2026-10-autumn-at-the-shop, 2026-11-yoga-piano-and-a-preview, "
        "2026-12-holiday-wrapping"
    )


def test_eml_is_multipart_alternative_with_both_parts(sample_copy: Path) -> None:
    """The .eml opens in any mail client: From, Subject, a fixed Date, text and HTML parts."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    mail = render_email(portal, Templates(), ISSUE)
    message = email.message_from_bytes(eml(mail, portal), policy=email.policy.default)
    assert message["Subject"] == "Yoga, piano, and a preview"
    assert message["From"] == "Bramble & Bloom <hello@brambleandbloom.example>"
    assert message["Date"] == "Sat, 14 Nov 2026 09:00:00 -0600"
    assert message["Message-ID"].strip() == f"<{ISSUE}.newsletter@brambleandbloom.example>"
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    # On the wire lines end in CRLF. The preview reads like a received copy: no merge tags.
    assert parts[0].get_content().replace("\r\n", "\n") == mail.preview_text
    assert parts[1].get_content().replace("\r\n", "\n") == mail.preview_html
    assert "Hello Alex," in mail.preview_text
    assert "Unsubscribe: mailto:hello@brambleandbloom.example?subject=Unsubscribe" in mail.preview_text
    assert not re.search(r"\{\{|\{%|\*\|", mail.preview_html + mail.preview_text)
    assert eml(mail, portal) == eml(render_email(portal, Templates(), ISSUE), portal)
    assert message["List-Unsubscribe"] == "<mailto:hello@brambleandbloom.example?subject=Unsubscribe>"
    assert "List-Unsubscribe-Post" not in message  # one-click needs the service's own address


def test_eml_needs_a_sender(make_portal: PortalWriter) -> None:
    """Without contact.email there is no From address: the error says what to add."""
    root = make_portal(pages={"newsletter/2026-01-hi.md": "---\ntitle: Hi\ndate: 2026-01-05\n---\nHello.\n"})
    portal = load_portal(Run(root, SAMPLE_TODAY))
    with pytest.raises(EmailSenderError) as failure:
        eml(render_email(portal, templates_of(root), "2026-01-hi"), portal)
    assert str(failure.value) == (
        "data/site.yml: contact.email: a .eml needs a sender; add the shop's address, "
        "like 'contact: {email: hello@example.com}'"
    )


def test_writes_into_build_email_and_keeps_other_issues(sample_copy: Path) -> None:
    """Each issue's files land in build/email/; writing one issue leaves the others there."""
    newsletter_email(Run(sample_copy, SAMPLE_TODAY), "2026-10-autumn-at-the-shop")
    result = newsletter_email(Run(sample_copy, SAMPLE_TODAY), ISSUE, with_eml=True)
    assert result.files == [f"{ISSUE}.eml", f"{ISSUE}.html", f"{ISSUE}.txt"]
    assert sorted(path.name for path in (sample_copy / "build" / "email").iterdir()) == [
        "2026-10-autumn-at-the-shop.html",
        "2026-10-autumn-at-the-shop.txt",
        f"{ISSUE}.eml",
        f"{ISSUE}.html",
        f"{ISSUE}.txt",
    ]


def test_email_template_can_be_overridden(make_portal: PortalWriter) -> None:
    """theme_overrides/portal/email/issue.txt replaces the plain-text layout."""
    root = make_portal(
        site=MINIMAL_SITE + "newsletter_service: mailchimp\n",
        pages={"newsletter/2026-01-hi.md": "---\ntitle: Hi\ndate: 2026-01-05\n---\n{{ greeting() }}\n"},
    )
    target = root / "theme_overrides" / "portal" / "email" / "issue.txt"
    target.parent.mkdir(parents=True)
    target.write_text("{{ issue.title }}: {{ body }}")
    text = render_email(load_portal(Run(root, SAMPLE_TODAY)), templates_of(root), "2026-01-hi").text
    assert text == "Hi: Hi *|IF:FNAME|**|FNAME|**|ELSE:|*there*|END:IF|*,\n"


def test_broken_email_override_is_reported_by_check(sample_copy: Path) -> None:
    """check renders the newest issue's e-mail too, so a broken e-mail template is found
    before sending day, named by file and line."""
    from portal_gen.app import check
    from portal_gen.errors import TemplateRenderError

    target = sample_copy / "theme_overrides" / "portal" / "email" / "issue.html"
    target.parent.mkdir(parents=True)
    target.write_text("<p>{{ issue.title }}</p>\n<p>{{ issue.author.name }}</p>\n")
    with pytest.raises(TemplateRenderError) as failure:
        check(Run(sample_copy, SAMPLE_TODAY))
    assert str(failure.value) == (
        "theme_overrides/portal/email/issue.html:2:1: template error: "
        "'portal_gen.model.portal.NewsletterIssue object' has no attribute 'author'"
    )


def test_eml_headers_stay_valid_with_odd_names(sample_copy: Path) -> None:
    """A title over two lines becomes a one-line subject; an accented domain is IDNA-encoded."""
    site = sample_copy / "data" / "site.yml"
    site.write_text(site.read_text().replace("hello@brambleandbloom.example", "hallo@bücher.example"))
    issue = sample_copy / "content" / "newsletter" / f"{ISSUE}.md"
    issue.write_text(
        issue.read_text().replace("title: Yoga, piano, and a preview", "title: |\n  Yoga,\n  piano")
    )
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    message = email.message_from_bytes(
        eml(render_email(portal, Templates(), ISSUE), portal), policy=email.policy.default
    )
    assert message["Subject"] == "Yoga, piano"
    assert message["From"] == "Bramble & Bloom <hallo@xn--bcher-kva.example>"
    assert all(not header.defects for header in message.values() if hasattr(header, "defects"))


def test_text_from_owners_and_customers_cannot_become_a_merge_tag(sample_copy: Path) -> None:
    """A quote or heading that happens to hold {{ ... }}, {% ... %} or *|...|* is shown, not run
    by the e-mail service: only portal-gen's own greeting and unsubscribe tags stay live."""
    issue = sample_copy / "content" / "newsletter" / f"{ISSUE}.md"
    issue.write_text(
        issue.read_text() + "\nWrite {{ subscriber.email }} or {% if x %} or \\*|UNSUB|\\* here.\n"
    )
    mail = render_email(
        load_portal(Run(_with_service(sample_copy, "mailchimp"), SAMPLE_TODAY)), Templates(), ISSUE
    )
    assert (
        "Write {&#123; subscriber.email }&#125; or {&#37; if x %&#125; or *&#124;UNSUB|&#42; here."
        in mail.html
    )
    assert "Write { { subscriber.email } } or { % if x % } or * |UNSUB| * here." in mail.text
    assert mail.html.count("*|UNSUB|*") == 1 and mail.text.count("*|UNSUB|*") == 1


def test_legal_lines_end_both_parts_of_every_email(sample_copy: Path) -> None:
    """A bank's 'Member FDIC' and a German supplier's Impressum link end the HTML (link kept)
    and the plain text (link written out)."""
    site = sample_copy / "data" / "site.yml"
    site.write_text(
        site.read_text()
        + "legal:\n  - Member FDIC\n  - '[Impressum](https://brambleandbloom.example/about/)'\n"
    )
    mail = render_email(load_portal(Run(sample_copy, SAMPLE_TODAY)), Templates(), ISSUE)
    assert (
        'Member FDIC<br>\n<a href="https://brambleandbloom.example/about/" rel="noopener noreferrer"'
        in mail.html
    )
    assert mail.text.rstrip().endswith("Member FDIC\nImpressum (https://brambleandbloom.example/about/)")


def test_logo_and_brand_colour_carry_into_the_email(sample_copy: Path) -> None:
    """site.yml's logo heads the e-mail, linked home and named by the business; its brand
    colour replaces the sample's greens in links, buttons and headings."""
    site = sample_copy / "data" / "site.yml"
    (sample_copy / "content" / "images").mkdir(exist_ok=True)
    (sample_copy / "content" / "images" / "logo.png").write_bytes(b"\x89PNG")
    site.write_text(site.read_text() + "logo: images/logo.png\nbrand_color: '#0b5394'\n")
    mail = render_email(load_portal(Run(sample_copy, SAMPLE_TODAY)), Templates(), ISSUE)
    assert (
        '<a href="https://brambleandbloom.example/" style="color: #0b5394;"><img class="logo" '
        'alt="Bramble &amp; Bloom" src="https://brambleandbloom.example/images/logo.png" width="64"'
    ) in mail.html
    assert "#2e7d32" not in mail.html and "#1b3d1f" not in mail.html
    assert 'color: #0b5394;">Yoga, piano' in mail.html  # the heading


FORMAL = {
    "mailchimp": "*|IF:LNAME|*Guten Tag *|FNAME|* *|LNAME|*,*|ELSE:|*"
    "Sehr geehrte Damen und Herren,*|END:IF|*",
    "listmonk": "{{ if .Subscriber.Name }}Guten Tag {{ .Subscriber.Name }},{{ else }}"
    "Sehr geehrte Damen und Herren,{{ end }}",
}


@pytest.mark.parametrize("service", list(FORMAL))
def test_a_formal_greeting_names_the_reader_in_full_or_no_one(sample_copy: Path, service: str) -> None:
    """greeting(formal=true) in a German newsletter: "Guten Tag" and the full name where the
    service knows it, "Sehr geehrte Damen und Herren," where not, and the latter on the web."""
    _with_service(sample_copy, service)
    site = sample_copy / "data" / "site.yml"
    site.write_text(site.read_text().replace("locale: en_US", "locale: de_DE"))
    issue = sample_copy / "content" / "newsletter" / f"{ISSUE}.md"
    issue.write_text(issue.read_text().replace('{{ greeting("Hello") }}', "{{ greeting(formal=true) }}"))
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    mail = render_email(portal, Templates(), ISSUE)
    assert FORMAL[service] in mail.html and FORMAL[service] in mail.text
    assert "Sehr geehrte Damen und Herren," in files_of(sample_copy)[f"newsletter/{ISSUE}.md"].decode()
