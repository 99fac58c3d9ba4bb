"""``newsletter_signup`` in ``data/site.yml``: where the sign-up form posts, and the interests
readers can tick.

The form posts straight to the owner's e-mail service, as that service's own embed code does,
so an address never passes through anything of portal-gen's. Each service names its fields
its own way (see ``render/signup.py``); here the owner gives what only they know: their
Buttondown username, their Mailchimp form's action, their listmonk's address and list. Values
are parsed here, field by field; which fields go with which service is a rule across fields,
checked in ``check/signup.py`` where every mistake gets its own line and column.
"""

from __future__ import annotations

import builtins
import html
import re
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlencode, urlsplit

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from portal_gen.model.record import Record
from portal_gen.model.values import Id, Link, Text

#: The services a form posts to; ``link`` is any other sign-up page, opened by a button.
SERVICES = ("buttondown", "mailchimp", "listmonk")
Service = Literal["buttondown", "mailchimp", "listmonk", "link"]

_BUTTONDOWN_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")
_BUTTONDOWN_HOSTS = ("buttondown.com", "buttondown.email", "www.buttondown.com", "www.buttondown.email")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_GROUP = re.compile(r"group\[(\d{1,12})\]\[(\d{1,20})\]")


def _fail(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def parse_buttondown(value: Any) -> str:
    """A Buttondown username; the address of the newsletter's page or of its embed form is
    taken too, since that is what an owner finds to copy."""
    if isinstance(value, str):
        text = value.strip()
        parts = urlsplit(text)
        if parts.scheme in ("http", "https") and parts.hostname in _BUTTONDOWN_HOSTS:
            text = parts.path.rstrip("/").rsplit("/", 1)[-1]
        if _BUTTONDOWN_NAME.fullmatch(text):
            return text
    raise _fail(
        "portal_buttondown",
        "expected your Buttondown username, like 'brambleandbloom' (the end of "
        "https://buttondown.com/brambleandbloom), got {got}",
    )


def parse_mailchimp(value: Any) -> str:
    """The action of a Mailchimp embedded form, as its embed code has it (``&amp;`` and a
    leading ``//`` included), made one https address."""
    if isinstance(value, str):
        text = html.unescape(value.strip())
        text = "https:" + text if text.startswith("//") else text
        parts = urlsplit(text)
        query = parse_qs(parts.query)
        host = (parts.hostname or "").lower()
        if (
            parts.scheme in ("http", "https")
            and host.endswith(".list-manage.com")
            and parts.path.rstrip("/") == "/subscribe/post"
            and all(len(query.get(key, ())) == 1 and query[key][0].isalnum() for key in ("u", "id"))
        ):
            kept = {key: query[key][0] for key in ("u", "id", "f_id") if key in query}
            return f"https://{host}/subscribe/post?{urlencode(kept)}"
    raise _fail(
        "portal_mailchimp",
        "expected the action of your Mailchimp embedded form, like "
        "'https://yourshop.us21.list-manage.com/subscribe/post?u=...&id=...' (Audience > Signup "
        'forms > Embedded forms, in the code\'s <form action="...">), got {got}',
    )


def parse_listmonk(value: Any) -> str:
    """The https address listmonk runs at (its root URL); a pasted form address
    (``.../subscription/form``) is taken back to it."""
    if isinstance(value, str):
        text = value.strip()
        parts = urlsplit(text)
        if parts.scheme == "https" and parts.netloc and not any(char.isspace() for char in text):
            path = parts.path.rstrip("/").removesuffix("/subscription/form").rstrip("/")
            return f"https://{parts.netloc}{path}"
    raise _fail(
        "portal_listmonk",
        "expected the https:// address your listmonk runs at, like 'https://news.example.com' "
        "(Settings > General > Root URL), got {got}",
    )


def parse_list_uuid(value: Any) -> str:
    """A listmonk list's UUID (Lists > the list > its UUID); never its number, which the public
    form does not take."""
    if isinstance(value, str) and _UUID.fullmatch(value.strip()):
        return value.strip().lower()
    raise _fail(
        "portal_list_uuid",
        "expected a listmonk list's UUID, like '5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d' (Lists > the "
        "list: UUID; the list must be public), got {got}",
    )


def parse_group(value: Any) -> str:
    """A Mailchimp group checkbox's name, ``group[<category>][<bit>]``, as the embed code
    writes it (``name="group[13145][1]"``)."""
    if isinstance(value, str):
        text = value.strip().removeprefix("name=").strip("\"'")
        if _GROUP.fullmatch(text):
            return text
    raise _fail(
        "portal_group",
        "expected the name of the group's checkbox in your Mailchimp embed code, like "
        "'group[13145][1]' (the group category's number, then the group's), got {got}",
    )


def group_bit(group: str) -> str:
    """The value Mailchimp's checkbox ``group[13145][4]`` sends when ticked: its bit, 4."""
    match = _GROUP.fullmatch(group)
    assert match is not None  # parse_group let only this shape through
    return match[2]


def _schema(pattern: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern})


ButtondownName = Annotated[str, PlainValidator(parse_buttondown), WithJsonSchema({"type": "string"})]
MailchimpAction = Annotated[str, PlainValidator(parse_mailchimp), _schema(r"list-manage\.com/subscribe/post")]
ListmonkRoot = Annotated[str, PlainValidator(parse_listmonk), _schema("^https://")]
ListUuid = Annotated[str, PlainValidator(parse_list_uuid), _schema(f"^{_UUID.pattern}$")]
GroupName = Annotated[str, PlainValidator(parse_group), _schema(f"^{_GROUP.pattern}$")]


class Interest(Record):
    """Something readers can ask to hear about; the service records it as a tag, a group or a list."""

    id: Id = Field(description="A short id of your own for the interest.", examples=["yoga"])
    label: Text = Field(
        description="What readers see beside its checkbox, in the site's language.",
        examples=["Kids' yoga"],
    )
    tag: Text | None = Field(
        default=None,
        description="Buttondown: the tag a reader who ticks it gets (default: the id).",
        examples=["yoga"],
    )
    group: GroupName | None = Field(
        default=None,
        description=(
            "Mailchimp: the name of the group's checkbox in your embedded form's code, "
            "group[<category>][<group>]."
        ),
        examples=["group[13145][1]"],
    )
    list: ListUuid | None = Field(
        default=None,
        description="listmonk: the UUID of the public list a reader who ticks it joins.",
        examples=["5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d"],
    )


class NewsletterSignup(Record):
    """Where the sign-up form posts: one service, with what it needs, and the interests."""

    buttondown: ButtondownName | None = Field(
        default=None,
        description="Your Buttondown username: the form posts to Buttondown.",
        examples=["yourshop"],
    )
    mailchimp: MailchimpAction | None = Field(
        default=None,
        description="The action of your Mailchimp embedded form: the form posts to that audience.",
        examples=["https://yourshop.us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f"],
    )
    listmonk: ListmonkRoot | None = Field(
        default=None,
        description="The address your listmonk runs at: the form posts to its public subscription form.",
        examples=["https://news.yourshop.example"],
    )
    list: ListUuid | None = Field(
        default=None,
        description="listmonk: the UUID of the public list every subscriber joins.",
        examples=["5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d"],
    )
    link: Link | None = Field(
        default=None,
        description="Any other service: the page where people sign up (a button opens it).",
        examples=["https://yourshop.substack.com/subscribe"],
    )
    privacy_policy: Link | None = Field(
        default=None,
        description="Your privacy policy, linked under the form.",
        examples=["https://yourshop.example/privacy/"],
    )
    # builtins.list: the field named list above hides the type inside this class.
    interests: builtins.list[Interest] = Field(
        default=[],
        description="What readers can tick to hear about; the service records each as a tag, group or list.",
        examples=[[{"id": "yoga", "label": "Kids' yoga"}]],
    )

    @property
    def services(self) -> tuple[Service, ...]:
        """The services named (check makes sure it is exactly one)."""
        given = tuple(name for name in (*SERVICES, "link") if getattr(self, name) is not None)
        return given  # type: ignore[return-value]

    @property
    def service(self) -> Service:
        """The service the form posts to, or ``link`` for a button to another page."""
        return self.services[0] if self.services else "link"

    @property
    def is_form(self) -> bool:
        """Whether the page shows a form (a service that takes posts), not a button."""
        return self.service != "link"


def _link_shorthand(value: Any) -> Any:
    """``newsletter_signup: https://...``, as written before forms existed, is a link."""
    return {"link": value} if isinstance(value, str) else value


#: A sign-up page's address alone stays what it always was: a button to that page.
LinkShorthand = BeforeValidator(_link_shorthand)


def service_named(data: Any) -> str | None:
    """The form's service in raw site.yml data, when exactly one is named: the e-mails are then
    sent from it unless newsletter_service says otherwise."""
    signup = data.get("newsletter_signup") if isinstance(data, dict) else None
    if not isinstance(signup, dict):
        return None
    named = [name for name in SERVICES if signup.get(name) is not None]
    return named[0] if len(named) == 1 else None
