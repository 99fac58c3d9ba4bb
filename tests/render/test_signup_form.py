"""Tests for the sign-up form (render/signup.py, partials/signup_form.md): each service's action,
method and field names, interests as its tags, groups or lists, on the three pages it is on."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from conftest import MINIMAL_SITE, PortalWriter, files_of

UUID = "5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d"
YOGA_UUID = "0a9c4f2e-7d1b-4b3a-8c5e-2f6d9e1a4b7c"
ISSUE = "---\ntitle: First\ndate: 2026-11-01\n---\n\nHello.\n"
MAILCHIMP_ACTION = "https://shop.us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f"
#: The pages the form is on, in the staging folder.
PAGES = ("index.md", "newsletter/index.md", "newsletter/first.md")

SIGNUPS = {
    "buttondown": """\
newsletter_signup:
  buttondown: shop
  interests:
    - id: yoga
      label: Kids' yoga
    - id: music
      label: Music
      tag: music lessons
""",
    "mailchimp": """\
newsletter_signup:
  mailchimp: https://shop.us21.list-manage.com/subscribe/post?u=1a2b3c&amp;id=4d5e6f
  interests:
    - id: yoga
      label: Kids' yoga
      group: group[13145][1]
    - id: music
      label: Music
      group: group[13145][2]
""",
    "listmonk": f"""\
newsletter_signup:
  listmonk: https://news.shop.example/
  list: {UUID}
  interests:
    - id: yoga
      label: Kids' yoga
      list: {YOGA_UUID}
""",
}


@dataclass
class Form(HTMLParser):
    """The first form of a page: its attributes, its inputs, labels and legend."""

    attrs: dict[str, str | None] = field(default_factory=dict)
    inputs: list[dict[str, str | None]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    _inside: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form" and not self.attrs:
            self.attrs, self._inside = dict(attrs), True
        elif tag == "input" and self._inside:
            self.inputs.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside and data.strip():
            self.text.append(data.strip())

    def named(self, name: str) -> list[dict[str, str | None]]:
        return [element for element in self.inputs if element.get("name") == name]

    def fields(self) -> list[tuple[str | None, str | None, str | None]]:
        return [(element.get("type"), element.get("name"), element.get("value")) for element in self.inputs]


def _form(markdown: bytes) -> Form:
    form = Form()
    form.feed(markdown.decode("utf-8"))
    return form


def _pages(make_portal: PortalWriter, signup: str, site: str = MINIMAL_SITE) -> dict[str, Form]:
    root = make_portal(site=site + signup, pages={"newsletter/first.md": ISSUE})
    files = files_of(root)
    return {path: _form(files[path]) for path in PAGES}


def test_buttondown_form_posts_email_first_name_and_tags(make_portal: PortalWriter) -> None:
    """Buttondown's embed address, email, metadata__first_name, a tag per interest, embed=1."""
    for path, form in _pages(make_portal, SIGNUPS["buttondown"]).items():
        assert form.attrs["action"] == "https://buttondown.com/api/emails/embed-subscribe/shop", path
        assert form.attrs["method"] == "post"
        assert form.fields() == [
            ("email", "email", None),
            ("text", "metadata__first_name", None),
            ("checkbox", "tag", "yoga"),
            ("checkbox", "tag", "music lessons"),
            ("hidden", "embed", "1"),
        ]


def test_mailchimp_form_posts_email_fname_groups_and_keeps_the_bot_trap(make_portal: PortalWriter) -> None:
    """The embed code's action, EMAIL, FNAME, group[category][bit]=bit, the empty b_u_id field."""
    for path, form in _pages(make_portal, SIGNUPS["mailchimp"]).items():
        assert form.attrs["action"] == MAILCHIMP_ACTION, path
        assert form.attrs["method"] == "post"
        assert form.fields() == [
            ("email", "EMAIL", None),
            ("text", "FNAME", None),
            ("checkbox", "group[13145][1]", "1"),
            ("checkbox", "group[13145][2]", "2"),
            ("text", "b_1a2b3c_4d5e6f", ""),
        ]
        (trap,) = form.named("b_1a2b3c_4d5e6f")
        assert trap["tabindex"] == "-1"


def test_listmonk_form_posts_email_name_the_list_and_each_interest_s_list(make_portal: PortalWriter) -> None:
    """<root>/subscription/form with email, name, an empty nonce, l=<list> and l=<interest's list>."""
    for path, form in _pages(make_portal, SIGNUPS["listmonk"]).items():
        assert form.attrs["action"] == "https://news.shop.example/subscription/form", path
        assert form.attrs["method"] == "post"
        assert form.fields() == [
            ("email", "email", None),
            ("text", "name", None),
            ("checkbox", "l", YOGA_UUID),
            ("hidden", "nonce", ""),
            ("hidden", "l", UUID),
        ]


@pytest.mark.parametrize("service", list(SIGNUPS))
def test_the_form_is_labelled_for_people_and_their_browsers(make_portal: PortalWriter, service: str) -> None:
    """The e-mail field is required, typed, autocompleted and labelled; interests are a fieldset
    with a legend; the note names the service that receives the address."""
    form = _pages(make_portal, SIGNUPS[service])["newsletter/index.md"]
    (email,) = [element for element in form.inputs if element.get("type") == "email"]
    assert (email["id"], email["autocomplete"], "required" in email) == ("portal-signup-email", "email", True)
    assert form.text[:3] == [
        "Your e-mail address",
        "First name (optional)",
        "What would you like to hear about?",
    ]
    assert "Kids' yoga" in form.text
    assert form.text[-2:] == [
        "Subscribe",
        f"Your address goes to {service.capitalize() if service != 'listmonk' else service}, which sends "
        "our newsletter. Every issue has a link to unsubscribe.",
    ]


def test_a_link_stays_a_button_and_the_pages_have_no_form(make_portal: PortalWriter) -> None:
    """newsletter_signup: <address> shows the sign-up buttons of before, and no form."""
    root = make_portal(
        site=MINIMAL_SITE + "newsletter_signup: https://shop.substack.com/subscribe\n",
        pages={"newsletter/first.md": ISSUE},
    )
    files = {path: text.decode() for path, text in files_of(root).items()}
    assert all("<form" not in files[path] for path in PAGES)
    assert (
        "[Sign up to get each issue by e-mail](https://shop.substack.com/subscribe){ .md-button "
        ".md-button--primary }" in files["newsletter/index.md"]
    )
    assert (
        "[Sign up to get the next one by e-mail](https://shop.substack.com/subscribe)"
        in files["newsletter/first.md"]
    )
    assert "[Sign up](https://shop.substack.com/subscribe)" in files["index.md"]


def test_the_form_comes_before_the_feeds_and_the_home_card_links_to_it(make_portal: PortalWriter) -> None:
    """On the archive the form comes first, the feeds after it; the home card's Sign up goes to the form."""
    root = make_portal(site=MINIMAL_SITE + SIGNUPS["buttondown"], pages={"newsletter/first.md": ISSUE})
    files = {path: text.decode() for path, text in files_of(root).items()}
    archive = files["newsletter/index.md"]
    assert archive.index("<form") < archive.index("Or follow it in a feed reader: [RSS]")
    assert "## Get each issue by e-mail { #newsletter-signup }" in archive
    assert "## Get the next issue by e-mail { #newsletter-signup }" in files["newsletter/first.md"]
    assert "[Sign up](#newsletter-signup)" in files["index.md"]


def test_owner_text_in_a_label_is_escaped_and_the_privacy_policy_linked(make_portal: PortalWriter) -> None:
    """A label with <, & and quotes shows as typed; privacy_policy is linked under the form."""
    signup = (
        "newsletter_signup:\n  buttondown: shop\n  privacy_policy: https://legal.example/privacy/\n"
        "  interests:\n    - id: talks\n      label: '<b>Talks</b> & \"more\"'\n"
    )
    root = make_portal(site=MINIMAL_SITE + signup)
    archive = files_of(root)["newsletter/index.md"].decode()
    assert "&lt;b&gt;Talks&lt;/b&gt; &amp; &quot;more&quot;" in archive
    assert '<a href="https://legal.example/privacy/">Privacy policy</a>' in archive


def test_a_german_listmonk_portal_speaks_german_in_its_form(make_portal: PortalWriter) -> None:
    """Labels, legend, button and note come from the German catalog; the owner's labels as written."""
    site = MINIMAL_SITE.replace("America/Chicago", "Europe/Berlin") + "locale: de_DE\ncurrency: EUR\n"
    signup = SIGNUPS["listmonk"].replace("Kids' yoga", "Kinderyoga")
    form = _pages(make_portal, signup, site)["newsletter/first.md"]
    assert form.text == [
        "Ihre E-Mail-Adresse",
        "Vorname (freiwillig)",
        "Worüber möchten Sie mehr erfahren?",
        "Kinderyoga",
        "Abonnieren",
        "Ihre Adresse geht an listmonk, über den wir den Newsletter versenden. Jede Ausgabe enthält "
        "einen Link zum Abbestellen.",
    ]
    (email,) = [element for element in form.inputs if element.get("type") == "email"]
    assert email["placeholder"] == "name@beispiel.de"
