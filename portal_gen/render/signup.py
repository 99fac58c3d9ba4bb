"""The sign-up form as each service's own embed code posts it: its address, its field names,
its hidden fields, and each interest as the tag, group or list the service records.

The form posts straight to the service with no script: the reader's browser goes on to the
service's own page, which confirms the sign-up (and, where the owner turned it on, sends the
e-mail asking to confirm the address). Field names follow each service's documented form:

* Buttondown, ``https://buttondown.com/api/emails/embed-subscribe/<username>``: ``email``,
  ``metadata__first_name`` (a subscriber's metadata, which the e-mails' merge tags read),
  one ``tag`` per ticked interest, and ``embed=1`` as its embed code sends.
* Mailchimp, the embedded form's action (``<dc>.list-manage.com/subscribe/post?u=&id=``):
  ``EMAIL``, ``FNAME``, ``group[<category>][<bit>]=<bit>`` per ticked group, and the empty
  ``b_<u>_<id>`` field its code keeps off-screen to catch bots.
* listmonk, ``<root>/subscription/form``: ``email``, ``name``, ``l`` once per list (the
  newsletter's own list always, each ticked interest's list too), and the empty ``nonce``
  its form sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from portal_gen.model.signup import NewsletterSignup, group_bit

#: How each service is named to readers, in the note under the form.
SERVICE_NAMES = {"buttondown": "Buttondown", "mailchimp": "Mailchimp", "listmonk": "listmonk"}


@dataclass(frozen=True)
class Choice:
    """One interest's checkbox: the field it sets, the value it sends, what readers read."""

    id: str
    name: str
    value: str
    label: str


@dataclass(frozen=True)
class SignupForm:
    """What ``partials/signup_form.md`` writes for one site."""

    service: str
    service_name: str
    action: str
    email_field: str
    name_field: str
    hidden: tuple[tuple[str, str], ...]
    choices: tuple[Choice, ...]
    #: The empty field a person never sees and a bot fills in (Mailchimp's); None elsewhere.
    trap: str | None
    privacy_policy: str | None


def signup_form(signup: NewsletterSignup | None) -> SignupForm | None:
    """The form for ``signup``; None when there is none or it is a link to another page."""
    if signup is None or not signup.is_form:
        return None
    service = signup.service
    if service == "buttondown":
        choices = tuple(
            _choice(interest.id, "tag", interest.tag or interest.id, interest.label)
            for interest in signup.interests
        )
        return SignupForm(
            service,
            SERVICE_NAMES[service],
            f"https://buttondown.com/api/emails/embed-subscribe/{signup.buttondown}",
            "email",
            "metadata__first_name",
            (("embed", "1"),),
            choices,
            None,
            signup.privacy_policy,
        )
    if service == "mailchimp":
        action = signup.mailchimp or ""
        query = parse_qs(urlsplit(action).query)
        choices = tuple(
            _choice(interest.id, interest.group or "", group_bit(interest.group or ""), interest.label)
            for interest in signup.interests
        )
        return SignupForm(
            service,
            SERVICE_NAMES[service],
            action,
            "EMAIL",
            "FNAME",
            (),
            choices,
            f"b_{query['u'][0]}_{query['id'][0]}",
            signup.privacy_policy,
        )
    choices = tuple(
        _choice(interest.id, "l", interest.list or "", interest.label) for interest in signup.interests
    )
    return SignupForm(
        service,
        SERVICE_NAMES[service],
        f"{signup.listmonk}/subscription/form",
        "email",
        "name",
        # listmonk refuses a form whose nonce is filled in (a bot's); its own form sends it empty.
        (("nonce", ""), ("l", signup.list or "")),
        choices,
        None,
        signup.privacy_policy,
    )


def _choice(interest_id: str, name: str, value: str, label: str) -> Choice:
    return Choice(f"portal-signup-{interest_id}", name, value, label)
