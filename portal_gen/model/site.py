"""``data/site.yml``: the business and how its portal speaks."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from babel import Locale
from pydantic import Field, model_validator

from portal_gen.model.postal import Address, PostalAddress
from portal_gen.model.record import Record
from portal_gen.model.signup import LinkShorthand, NewsletterSignup, service_named
from portal_gen.model.values import (
    Color,
    Currency,
    Email,
    Image,
    Link,
    LocaleName,
    MarkdownText,
    Text,
    WebUrl,
    Words,
    ZoneName,
)


class Contact(Record):
    """How customers reach the business; published on the site."""

    email: Email | None = Field(
        default=None, description="The shop's e-mail address.", examples=["hello@brambleandbloom.example"]
    )
    phone: Text | None = Field(
        default=None,
        description="The shop's phone number, as customers should dial it.",
        examples=["(773) 555-0142"],
    )
    address: Address | None = Field(
        default=None,
        description=(
            "The shop's address, on one line or in parts (street, locality, region, "
            "postal_code, country); events happen here unless they say otherwise."
        ),
        examples=[
            {"street": "1834 N Damen Ave", "locality": "Chicago", "region": "IL", "postal_code": "60647"}
        ],
    )


def _text(what: str, default: str) -> Any:
    return Field(
        default=None,
        description=f"{what} (default: {default!r}, in the site's language).",
        examples=[default],
    )


class PageTexts(Record):
    """The owner's words for the generated pages' titles and introductions, in place of
    portal-gen's neutral defaults (which are translated; these are shown as written)."""

    home_services: Text | None = _text("The home page's heading over the cards", "What we do for you")
    events_title: Text | None = _text("The events page's title", "Events")
    events_intro: Text | None = _text(
        "The sentence under the events page's title", "What we host for our customers."
    )
    tiers_title: Text | None = _text("The tiers page's title", "Member tiers")
    tiers_intro: Text | None = _text(
        "The paragraph under the tiers page's title",
        "Every customer gets the same care and attention. Members get added services on top: "
        "here is exactly what each tier includes and how to reach it.",
    )
    testimonials_title: Text | None = _text(
        "The testimonials page's title, and its card on the home page", "What our customers say"
    )
    stories_title: Text | None = _text("The heading over the stories", "Stories from our customers")
    stories_intro: Text | None = _text(
        "The sentence under the stories' heading",
        "What changed for some of our customers, in their words and in numbers.",
    )
    newsletter_title: Text | None = _text("The newsletter archive's title", "Newsletter")
    newsletter_intro: Text | None = _text(
        "The sentence under the newsletter archive's title",
        "Our news, the next events, and what customers are saying.",
    )


class EditorSettings(Record):
    """The browser editor at ``admin/`` (Decap CMS): where it saves, and how owners log in."""

    repo: Text = Field(
        description="The GitHub repository that holds this portal, as owner/name.",
        examples=["brambleandbloom/portal"],
    )
    branch: Text = Field(default="main", description="The branch the editor commits to.", examples=["main"])
    base_url: WebUrl | None = Field(
        default=None,
        description=(
            "The OAuth service that logs owners in to GitHub, if not Netlify's "
            "(a self-hosted one, like a Cloudflare worker)."
        ),
        examples=["https://auth.brambleandbloom.example"],
    )
    auth_endpoint: Text | None = Field(
        default=None,
        description="The login path on that service, if not 'auth'.",
        examples=["oauth/authorize"],
    )
    local_port: Annotated[int, Field(ge=1, le=65535)] = Field(
        default=8081,
        description=(
            "The port of decap-server on your computer: opened from localhost, the editor saves "
            "to the files on disk instead of GitHub."
        ),
        examples=[8081],
    )


class Site(Record):
    """``data/site.yml``: the business and how its portal speaks."""

    name: Text = Field(description="The business's name, as customers know it.", examples=["Bramble & Bloom"])
    url: WebUrl = Field(
        description="The address the site is published at.", examples=["https://brambleandbloom.example/"]
    )
    timezone: ZoneName = Field(
        description="The time zone events are given in, by its IANA name.", examples=["America/Chicago"]
    )
    locale: LocaleName = Field(
        default="en_US",
        description="The language and region dates and prices are written for.",
        examples=["en_US"],
    )
    currency: Currency = Field(
        default="USD",
        description="The currency of prices and spending thresholds (ISO code).",
        examples=["USD"],
    )
    tagline: Text | None = Field(
        default=None,
        description="One line under the name on the home page.",
        examples=["Children's clothing, and a little more."],
    )
    description: MarkdownText | None = Field(
        default=None,
        description="A paragraph or two about the business, for the home page.",
        examples=["We dress Bucktown's children."],
    )
    brand_color: Color | None = Field(
        default=None,
        description=(
            "The brand's colour as a hex code, in quotes: the header behind white text, and links; "
            "it needs a contrast of 4.5:1 with white."
        ),
        examples=["#0b5394"],
    )
    #: Lines the law or a licence asks for on every page and e-mail ("Member FDIC", an Impressum).
    legal: list[MarkdownText] = Field(
        default=[],
        description="Lines every page and every e-mail ends with: licences, registration, an imprint link.",
        examples=[["Member FDIC · Equal Housing Lender"]],
    )
    texts: PageTexts = Field(
        default=PageTexts(),
        description="Your own words for the generated pages' titles and introductions.",
        examples=[{"events_intro": "Classes, talks and afternoons we host for families."}],
    )
    generator_notice: bool = Field(
        default=True,
        description="Whether the page footer says 'Made with Material for MkDocs'.",
        examples=[False],
    )
    logo: Image | None = Field(
        default=None,
        description=(
            "A square picture of the business (a file under content/ or an https:// link), "
            "512 by 512 pixels or more: feed readers show it beside the newsletter."
        ),
        examples=["images/logo.png"],
    )
    cover: Image | None = Field(
        default=None,
        description=(
            "A wide picture across the top of the home page (a file under content/ or an "
            "https:// link), 1600 pixels wide or more: the shop, its people, its goods."
        ),
        examples=["images/cover.jpg"],
    )
    cover_alt: Text | None = Field(
        default=None,
        description=(
            "What the cover picture shows, for people who cannot see it (screen readers, slow "
            "phones); without it the picture counts as decoration."
        ),
        examples=["The shop window in December, full of knitted animals"],
    )
    #: The little picture a browser tab shows; without one, the logo is used.
    favicon: Image | None = Field(
        default=None,
        description=(
            "The small picture browser tabs and bookmarks show (a file under content/ or an https:// "
            "link, PNG or SVG); without one, the logo."
        ),
        examples=["images/favicon.png"],
    )
    contact: Contact = Field(
        default=Contact(),
        description="How customers reach the business (published).",
        examples=[{"email": "hello@example.com"}],
    )
    #: The sign-up form on the archive, each issue and the home page, posting to the service;
    #: a plain address (how it was written before forms) stays a button to that page.
    newsletter_signup: Annotated[NewsletterSignup | None, LinkShorthand] = Field(
        default=None,
        description=(
            "Where people sign up for the newsletter: buttondown, mailchimp or listmonk (a form on "
            "the pages, with interests readers tick), or link, any other sign-up page."
        ),
        examples=[{"buttondown": "yourshop", "interests": [{"id": "yoga", "label": "Kids' yoga"}]}],
    )
    #: Where "I'm interested" in a proposed event goes; without it, an e-mail to the contact.
    interest_form: Link | None = Field(
        default=None,
        description="Where 'I'm interested' in a proposed event goes; without it, an e-mail to the contact.",
        examples=["https://forms.example/interest"],
    )
    #: Past events stay this long in the subscribed calendars, then leave them (their own
    #: page and .ics stay), so the feeds do not grow with every event ever held.
    calendar_past_days: Annotated[int, Field(ge=0, le=3660)] = Field(
        default=90,
        description="How many days an event stays in the subscribed calendars after it took place.",
        examples=[90],
    )
    #: How many of the newest newsletter issues the feeds carry.
    newsletter_feed_items: Annotated[int, Field(ge=1, le=500)] = Field(
        default=20, description="How many of the newest issues the newsletter feeds carry.", examples=[20]
    )
    #: The e-mail service that sends the newsletter: it decides how a first name is written
    #: into the e-mail (its "merge tags").
    newsletter_service: Literal["mailchimp", "buttondown", "listmonk", "neutral"] = Field(
        default="neutral",
        description=(
            "The e-mail service that sends the newsletter: its merge tags greet readers by first name "
            "(default: the service newsletter_signup posts to, else neutral)."
        ),
        examples=["buttondown"],
    )
    #: Who the greeting addresses when a subscriber's first name is unknown, and on the web.
    #: Without it, the word of the site's language ("there", "zusammen", "à tous").
    newsletter_fallback_name: Words | None = Field(
        default=None,
        description=(
            "Who the greeting addresses when a first name is unknown (default: 'there', in the "
            "site's language)."
        ),
        examples=["there"],
    )

    #: Off unless set: an editor page is only useful once its GitHub login is set up.
    editor: EditorSettings | None = Field(
        default=None,
        description=(
            "Turns on the browser editor at admin/ (Decap CMS), saving to this GitHub repository; "
            "see the README for the one-time login setup."
        ),
        examples=[{"repo": "brambleandbloom/portal", "branch": "main"}],
    )

    @model_validator(mode="before")
    @classmethod
    def _service_of_the_form(cls, data: Any) -> Any:
        """Without newsletter_service, the e-mails speak the merge tags of the service the
        form signs readers up with: they are its subscribers, so it sends to them."""
        service = service_named(data)
        if service is None or data.get("newsletter_service") is not None:
            return data
        return {**data, "newsletter_service": service}

    @property
    def country(self) -> str | None:
        """The country of the site's locale (US for en_US): where its addresses are, unless
        an address names its own."""
        return Locale.parse(self.locale).territory

    def address_line(self, address: PostalAddress) -> str:
        """An address as customers of this site read it: on one line, in its country's order,
        with the country named when it is not the site's."""
        return address.text(self.country, self.locale)
