"""The rules of ``newsletter_signup`` that span its fields: one service, the keys that service
needs (and none it would ignore), interests it can record, and the same service as the
e-mails' merge tags. Each problem points at the line and column the owner wrote.
"""

from __future__ import annotations

from typing import Protocol

from portal_gen.errors import DataError, DuplicateIdError, SchemaError
from portal_gen.model.signup import Interest, NewsletterSignup
from portal_gen.model.site import Site
from portal_gen.read.yamldoc import Document, Loc, format_loc

_HERE = ("newsletter_signup",)
#: What an interest records in each service, under which key.
_INTEREST_KEY = {"buttondown": "tag", "mailchimp": "group", "listmonk": "list"}
_EXAMPLES = {
    "group": "group: group[13145][1]",
    "list": "list: 5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d",
}


class _Add(Protocol):
    """Reports a problem at a location of site.yml."""

    def __call__(self, loc: Loc, message: str, kind: type[DataError] = ...) -> None: ...


def check_signup(document: Document, site: Site) -> list[DataError]:
    """Every problem of ``newsletter_signup`` that no single field shows by itself."""
    signup = site.newsletter_signup
    if signup is None:
        return []
    errors: list[DataError] = []

    def add(loc: Loc, message: str, kind: type[DataError] = SchemaError) -> None:
        errors.append(kind(document.position(loc), format_loc(loc), message))

    services = signup.services
    if not services:
        add(
            _HERE,
            "names no service; expected one of buttondown: <username>, mailchimp: <form action>, "
            "listmonk: <address> with list: <UUID>, or link: <sign-up page>",
        )
        return errors
    if len(services) > 1:
        add(
            (*_HERE, services[1]),
            f"{' and '.join(services)} are both given; a form posts to one service: keep the one "
            "your subscribers are on and remove the other",
        )
        return errors
    service = services[0]
    if service == "listmonk" and signup.list is None:
        add(
            (*_HERE, "listmonk"),
            "listmonk needs the list every subscriber joins; add 'list: <UUID>' under "
            "newsletter_signup (Lists > the list: UUID; the list must be public)",
        )
    if service != "listmonk" and signup.list is not None:
        add(
            (*_HERE, "list"),
            f"only listmonk takes a list; {service} does not use it: remove 'list'",
        )
    if signup.interests and service == "link":
        add(
            (*_HERE, "interests"),
            "a link cannot tell a sign-up page what a reader ticked; use buttondown, mailchimp or "
            "listmonk to record interests, or remove interests",
        )
        return errors
    if service != "link":
        _check_interests(signup, service, add)
    # Readers signed up with one service get e-mails only from it, so the merge tags must be
    # its own too (neutral's would reach them as raw text).
    if service != "link" and site.newsletter_service != service:
        add(
            ("newsletter_service",),
            f"{site.newsletter_service!r}, but newsletter_signup signs readers up with {service}; "
            f"the e-mails go to the subscribers of one service: write 'newsletter_service: "
            f"{service}', or sign them up where you send from",
        )
    return errors


def _check_interests(signup: NewsletterSignup, service: str, add: _Add) -> None:
    """Each interest has what its service records it by, nothing another service would, and
    neither its id nor its tag, group or list is used twice."""
    key = _INTEREST_KEY[service]
    seen_ids: dict[str, int] = {}
    seen_values: dict[str, Interest] = {}
    for index, interest in enumerate(signup.interests):
        loc: Loc = (*_HERE, "interests", index)
        if interest.id in seen_ids:
            add(
                (*loc, "id"),
                f"duplicate id {interest.id!r} (also interests[{seen_ids[interest.id]}]); give each "
                "interest its own id",
                DuplicateIdError,
            )
            continue
        seen_ids[interest.id] = index
        foreign = [other for other in _INTEREST_KEY.values() if other != key and getattr(interest, other)]
        for other in foreign:
            add(
                (*loc, other),
                f"{service} does not record interests by {other}; it records them by {key}: "
                f"remove '{other}'" + (f" and write '{_EXAMPLES[key]}'" if key in _EXAMPLES else ""),
            )
        value: str | None = getattr(interest, key) or (interest.id if key == "tag" else None)
        if value is None:
            if not foreign:  # the message above already says what to write instead
                add(
                    loc,
                    f"{interest.id!r} has no {key}; {service} records an interest by its {key}: add "
                    f"'{_EXAMPLES[key]}' (from your {_where(service)})",
                )
            continue
        written = (*loc, key) if getattr(interest, key) else (*loc, "id")
        if value == signup.list:
            add(
                written,
                f"{value} is the list every subscriber joins already (newsletter_signup.list); give "
                "this interest a list of its own",
            )
        elif value in seen_values:
            add(
                written,
                f"{key} {value!r} is also given to {seen_values[value].id!r}; readers ticking either "
                f"would be recorded alike: give each interest its own {key}",
            )
        seen_values.setdefault(value, interest)


def _where(service: str) -> str:
    return {
        "mailchimp": "embedded form's code",
        "listmonk": "listmonk's Lists page",
    }.get(service, "service")
