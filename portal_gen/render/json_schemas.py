"""JSON Schemas for the data files, so editors autocomplete and check them as owners type.

The schemas come from the same pydantic models that validate the data; this module adds what
an editor shows on hover: a description and an example for every field. A field without
both is caught by the tests, so the schemas stay complete as the models grow. Editors that
speak the YAML language server protocol (VS Code's YAML extension, and others) pick a schema
up from a first-line comment such as ``# yaml-language-server: $schema=../schemas/events.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from portal_gen.model.records import DATA_MODELS

#: Where ``portal-gen schema`` writes, relative to the portal root.
FOLDER = "schemas"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Model.field -> (description, example).
DOCS: dict[str, tuple[str, Any]] = {
    # data/site.yml
    "Site.name": ("The business's name, as customers know it.", "Bramble & Bloom"),
    "Site.url": ("The address the site is published at.", "https://brambleandbloom.example/"),
    "Site.timezone": ("The time zone events are given in, by its IANA name.", "America/Chicago"),
    "Site.locale": ("The language and region dates and prices are written for.", "en_US"),
    "Site.currency": ("The currency of prices and spending thresholds (ISO code).", "USD"),
    "Site.tagline": ("One line under the name on the home page.", "Children's clothing, and a little more."),
    "Site.description": ("A paragraph or two about the business, for the home page.", "We dress Bucktown's children."),
    "Site.contact": ("How customers reach the business (published).", {"email": "hello@example.com"}),
    "Site.newsletter_signup": ("Where people sign up for the newsletter.", "https://buttondown.com/yourshop"),
    "Site.interest_form": (
        "Where 'I'm interested' in a proposed event goes; without it, an e-mail to the contact.",
        "https://forms.example/interest",
    ),
    "Site.newsletter_feed_items": ("How many of the newest issues the newsletter feeds carry.", 20),
    "Site.newsletter_service": (
        "The e-mail service that sends the newsletter: its merge tags greet readers by first name.",
        "buttondown",
    ),
    "Site.newsletter_fallback_name": ("Who the greeting addresses when a first name is unknown.", "there"),
    "Contact.email": ("The shop's e-mail address.", "hello@brambleandbloom.example"),
    "Contact.phone": ("The shop's phone number, as customers should dial it.", "(773) 555-0142"),
    "Contact.address": ("The shop's street address; events happen here unless they say otherwise.",
                        "1834 N Damen Ave, Chicago, IL 60647"),
    # data/tiers.yml
    "TiersFile.tiers": ("The spending tiers, from the lowest threshold up.", [{"id": "friends", "name": "Friends"}]),
    "TiersFile.perks": ("The value-added services and what each tier gets.",
                        [{"id": "free-shipping", "title": "Free shipping", "tiers": {"friends": True}}]),
    "Tier.id": ("A short name used in addresses and references: lowercase, digits, hyphens.", "family"),
    "Tier.name": ("The tier's name as customers see it.", "Family"),
    "Tier.threshold": ("What a customer spends in a year to belong (0 for everyone).", 500),
    "Tier.price": ("A yearly fee to join, for programmes one pays for.", 25),
    "Tier.description": ("A sentence about who the tier is for.", "For families who shop with us every season."),
    "Tier.color": ("The tier's colour as a hex code, in quotes.", "#2e7d32"),
    "Tier.icon": ("A Material Design icon name for the tier.", "star"),
    "Perk.id": ("A short name for the perk: lowercase, digits, hyphens.", "free-alterations"),
    "Perk.title": ("The perk's name.", "Free alterations"),
    "Perk.description": ("What the perk is, in a sentence.", "Hems and sleeves taken up while you wait."),
    "Perk.category": ("Groups perks in the comparison table.", "Service"),
    "Perk.limits": ("Any limit, said plainly.", "Up to 4 items a year"),
    "Perk.benefit": ("What search engines call this kind of benefit.", "shipping"),
    "Perk.tiers": ("Per tier id: true, false, or a short text like '10% off'.", {"friends": False, "family": True}),
    # data/partners.yml
    "PartnersFile.partners": ("Local businesses the shop works with.", [{"id": "lotus-tree-yoga", "name": "Lotus Tree Yoga"}]),
    "Partner.id": ("A short name for the partner: lowercase, digits, hyphens.", "lotus-tree-yoga"),
    "Partner.name": ("The partner's name.", "Lotus Tree Yoga"),
    "Partner.url": ("The partner's website.", "https://lotustreeyoga.example/"),
    "Partner.blurb": ("A sentence about the partner.", "Yoga for children and parents since 2012."),
    # data/events.yml and data/events/*.yml
    "EventsFile.events": ("The events: classes, talks, previews.", [{"id": "kids-yoga", "title": "Kids' yoga"}]),
    "Event.id": ("A short name used in the event's address: lowercase, digits, hyphens.", "kids-yoga"),
    "Event.title": ("The event's name.", "Kids' yoga with Lotus Tree Yoga"),
    "Event.status": ("scheduled, cancelled (shown struck through) or proposed ('would you come?').", "scheduled"),
    "Event.start": ("When it starts: a day, or a day and a time, in the event's time zone.", "2026-12-05 10:00"),
    "Event.end": ("When it ends: a time on the same day, or a day and time.", "10:45"),
    "Event.duration": ("How long it lasts, instead of an end.", "45 minutes"),
    "Event.timezone": ("The event's time zone, if not the site's.", "America/New_York"),
    "Event.rrule": ("How it repeats, as an iCalendar rule.", "FREQ=WEEKLY;BYDAY=SA;COUNT=6"),
    "Event.exceptions": ("Dates of a repeating event that are skipped.", ["2026-12-26"]),
    "Event.extra_dates": ("Dates added to a repeating event.", ["2027-01-02 10:00"]),
    "Event.location": ("Where it happens: a name, or a name and an address.", "In the shop"),
    "Event.online": ("The link for an online event.", "https://meet.example/yoga"),
    "Event.summary": ("One line for lists and calendars.", "Stretching and stories for ages 3 to 7."),
    "Event.description": ("The full description, in Markdown.", "Bring a mat if you have one."),
    "Event.notice": ("A short notice shown with the event, like why it was cancelled.", "Moved to the school hall."),
    "Event.tiers": ("Tier ids invited; empty means everyone.", ["family", "patron"]),
    "Event.price": ("What a place costs; 0 is free.", 0),
    "Event.capacity": ("How many places there are.", 12),
    "Event.partner": ("The partner id of who runs it.", "lotus-tree-yoga"),
    "Event.registration": ("Where to sign up.", "https://forms.example/yoga"),
    "Event.image": ("A picture: a file under content/ or an https:// link.", "images/yoga.jpg"),
    "Event.tags": ("Short lowercase topics.", ["kids", "movement"]),
    "Event.updated": ("When the details last changed, for calendar apps.", "2026-11-20 09:00"),
    "Event.sequence": ("Raise by one each time the date or time changes, so calendars update.", 1),
    "Location.name": ("The place's name.", "Damen Avenue Music School"),
    "Location.address": ("The place's street address.", "1900 N Damen Ave, Chicago, IL 60647"),
    # data/testimonials.yml
    "TestimonialsFile.testimonials": ("What customers said.", [{"id": "maya-yoga", "quote": "...", "date": "2026-11-09"}]),
    "Testimonial.id": ("A short name for the testimonial: lowercase, digits, hyphens.", "maya-yoga"),
    "Testimonial.author": ("The name shown; without it, the first name and initial of contact.name.", "Maya R."),
    "Testimonial.quote": ("What the customer said, in their words.", "My daughter talked about yoga for a week."),
    "Testimonial.date": ("When they said it.", "2026-11-09"),
    "Testimonial.consent": ("true once the customer agreed to be quoted; until then it is not published.", True),
    "Testimonial.rating": ("A rating from 1 to 5.", 5),
    "Testimonial.photo": ("A photo: a file under content/ or an https:// link.", "images/maya.jpg"),
    "Testimonial.event": ("The id of the event it is about.", "kids-yoga"),
    "Testimonial.tier": ("The customer's tier id.", "family"),
    "Testimonial.featured": ("Show it on the home page.", True),
    "Testimonial.contact": ("Private: who the customer is. Never published.", {"name": "Maya Rodriguez"}),
    "CustomerContact.name": ("Private: the customer's full name.", "Maya Rodriguez"),
    "CustomerContact.email": ("Private: the customer's e-mail address.", "maya@example.com"),
    "CustomerContact.phone": ("Private: the customer's phone number.", "(773) 555-0199"),
    "CustomerContact.notes": ("Private: notes for the shop.", "Asked to be told about the spring classes."),
    # data/stories.yml
    "StoriesFile.stories": ("Customer stories with numbers.", [{"id": "okafor-school-wardrobe", "customer": "The Okafors"}]),
    "Story.id": ("A short name for the story: lowercase, digits, hyphens.", "okafor-school-wardrobe"),
    "Story.customer": ("Who it is about, as they agreed to be named.", "The Okafor family"),
    "Story.title": ("The story's headline.", "A school wardrobe in one visit"),
    "Story.date": ("When it happened.", "2026-09-01"),
    "Story.situation": ("What they were facing.", "Three children, three schools, one weekend."),
    "Story.solution": ("What they bought, joined or came to.", "A fitting afternoon with a Family membership."),
    "Story.results": ("What changed, measured.", [{"metric": "Shopping time", "before": 9, "after": 1, "unit": "hour"}]),
    "Story.quote": ("What the customer said about it.", "We were done by lunch."),
    "Story.tier": ("The customer's tier id.", "family"),
    "Story.event": ("The id of the event it started at.", "teen-line-preview"),
    "Story.consent": ("true once the customer agreed; until then it is not published.", True),
    "Story.contact": ("Private: who the customer is. Never published.", {"name": "Ada Okafor"}),
    "Result.metric": ("What was measured.", "Shopping time"),
    "Result.before": ("The number before.", 9),
    "Result.after": ("The number after.", 1),
    "Result.unit": ("The unit, singular; 'money' means amounts in the site's currency.", "hour"),
}  # fmt: skip

#: Fields whose YAML shorthand the model accepts before validating (a location as one line).
_SHORTHANDS = {
    "Event.location": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Location"}, {"type": "null"}]}
}


class UndocumentedFieldError(Exception):
    """A model field has no entry in DOCS (a bug in portal-gen, caught by its tests)."""


def _document(model_name: str, schema: dict[str, Any]) -> None:
    for field, prop in schema.get("properties", {}).items():
        key = f"{model_name}.{field}"
        if key not in DOCS:
            raise UndocumentedFieldError(f"{key} needs a description and an example in schema.DOCS")
        if key in _SHORTHANDS:
            default = prop.get("default")
            prop.clear()
            prop.update(_SHORTHANDS[key], default=default)
        prop.pop("title", None)  # pydantic's "Start" for start adds nothing to the description
        prop["description"], example = DOCS[key]
        prop["examples"] = [example]


def json_schemas() -> dict[str, bytes]:
    """``schemas/<file>.schema.json`` for each data file, as bytes (sorted, stable)."""
    files: dict[str, bytes] = {}
    for name, model in DATA_MODELS.items():
        schema = model.model_json_schema()
        for def_name, definition in schema.get("$defs", {}).items():
            _document(def_name, definition)
        _document(model.__name__, schema)
        for definition in schema.get("$defs", {}).values():
            definition["description"] = definition.get("description", "").replace("``", "")
        document = {
            "$schema": _DIALECT,
            "title": f"portal-gen data/{name}.yml",
            "description": (model.__doc__ or "").strip().replace("``", ""),
            **{key: value for key, value in schema.items() if key not in ("title", "description")},
        }
        text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True, default=str) + "\n"
        files[f"{name}.schema.json"] = text.encode("utf-8")
    return files
