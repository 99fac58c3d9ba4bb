"""Tests for newsletter_signup in site.yml (model/signup.py, check/signup.py): what each service
needs, what an owner copies from it, and every mistake said word for word with its place."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, problems

from portal_gen.app import Run, load_portal
from portal_gen.model.site import Site

UUID = "5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d"
OTHER_UUID = "0a9c4f2e-7d1b-4b3a-8c5e-2f6d9e1a4b7c"
ACTION = "https://shop.us21.list-manage.com/subscribe/post?u=1a2b3c&id=4d5e6f"


def _site(**fields: object) -> Site:
    return Site.model_validate({"name": "Shop", "url": "https://shop.example/", "timezone": "UTC", **fields})


def test_a_bare_address_stays_a_link_to_that_page() -> None:
    """newsletter_signup: https://... (as written before forms) is a button, not a form."""
    site = _site(newsletter_signup="https://buttondown.com/brambleandbloom")
    assert site.newsletter_signup is not None
    assert (site.newsletter_signup.service, site.newsletter_signup.link) == (
        "link",
        "https://buttondown.com/brambleandbloom",
    )
    assert not site.newsletter_signup.is_form
    assert site.newsletter_service == "neutral"


def test_the_form_s_service_sends_the_emails_unless_newsletter_service_says_otherwise() -> None:
    """Without newsletter_service, the e-mails speak the merge tags of the form's service."""
    assert _site(newsletter_signup={"listmonk": "https://news.example", "list": UUID}).newsletter_service == (
        "listmonk"
    )
    told = _site(newsletter_signup={"buttondown": "shop"}, newsletter_service="neutral")
    assert told.newsletter_service == "neutral"


@pytest.mark.parametrize(
    "written",
    [
        "brambleandbloom",
        "https://buttondown.com/brambleandbloom",
        "https://buttondown.email/api/emails/embed-subscribe/brambleandbloom",
    ],
)
def test_buttondown_takes_the_username_or_an_address_that_ends_in_it(written: str) -> None:
    """The username, the newsletter's page or the embed form's action all name the same newsletter."""
    signup = _site(newsletter_signup={"buttondown": written}).newsletter_signup
    assert signup is not None and signup.buttondown == "brambleandbloom"


@pytest.mark.parametrize(
    "written",
    [
        ACTION,
        "//shop.us21.list-manage.com/subscribe/post?u=1a2b3c&amp;id=4d5e6f",
        "https://SHOP.us21.list-manage.com/subscribe/post/?u=1a2b3c&id=4d5e6f",
    ],
)
def test_mailchimp_takes_the_embed_code_s_action_as_pasted(written: str) -> None:
    """A leading //, &amp; and capitals from the embed code make the same https action."""
    signup = _site(newsletter_signup={"mailchimp": written}).newsletter_signup
    assert signup is not None and signup.mailchimp == ACTION


def test_listmonk_takes_its_root_or_its_form_address_and_a_list_uuid() -> None:
    """The root URL (or the form's address pasted whole) and the list's UUID, lowercased."""
    signup = _site(
        newsletter_signup={"listmonk": "https://news.example/subscription/form/", "list": UUID.upper()}
    ).newsletter_signup
    assert signup is not None
    assert (signup.listmonk, signup.list) == ("https://news.example", UUID)


def _problems(make_portal: PortalWriter, signup: str) -> list[str]:
    return problems(make_portal(site=MINIMAL_SITE + signup))


MISTAKES = {
    "no service": (
        "newsletter_signup:\n  interests: []\n",
        "data/site.yml:6:1: newsletter_signup: names no service; expected one of buttondown: "
        "<username>, mailchimp: <form action>, listmonk: <address> with list: <UUID>, or link: "
        "<sign-up page>",
    ),
    "two services": (
        f"newsletter_signup:\n  buttondown: shop\n  mailchimp: {ACTION}\n",
        "data/site.yml:8:3: newsletter_signup.mailchimp: buttondown and mailchimp are both given; a "
        "form posts to one service: keep the one your subscribers are on and remove the other",
    ),
    "buttondown username": (
        "newsletter_signup:\n  buttondown: my shop\n",
        "data/site.yml:7:3: newsletter_signup.buttondown: expected your Buttondown username, like "
        "'brambleandbloom' (the end of https://buttondown.com/brambleandbloom), got 'my shop'",
    ),
    "mailchimp action": (
        "newsletter_signup:\n  mailchimp: https://mailchimp.com/shop\n",
        "data/site.yml:7:3: newsletter_signup.mailchimp: expected the action of your Mailchimp "
        "embedded form, like 'https://yourshop.us21.list-manage.com/subscribe/post?u=...&id=...' "
        '(Audience > Signup forms > Embedded forms, in the code\'s <form action="...">), got '
        "'https://mailchimp.com/shop'",
    ),
    "listmonk without list": (
        "newsletter_signup:\n  listmonk: https://news.shop.example\n",
        "data/site.yml:7:3: newsletter_signup.listmonk: listmonk needs the list every subscriber "
        "joins; add 'list: <UUID>' under newsletter_signup (Lists > the list: UUID; the list must be "
        "public)",
    ),
    "listmonk over http": (
        f"newsletter_signup:\n  listmonk: http://news.shop.example\n  list: {UUID}\n",
        "data/site.yml:7:3: newsletter_signup.listmonk: expected the https:// address your listmonk "
        "runs at, like 'https://news.example.com' (Settings > General > Root URL), got "
        "'http://news.shop.example'",
    ),
    "list number": (
        "newsletter_signup:\n  listmonk: https://news.shop.example\n  list: 3\n",
        "data/site.yml:8:3: newsletter_signup.list: expected a listmonk list's UUID, like "
        "'5e1b1b8c-2c1d-4c8e-9f4a-0f2ab839131d' (Lists > the list: UUID; the list must be public), got 3",
    ),
    "list without listmonk": (
        f"newsletter_signup:\n  buttondown: shop\n  list: {UUID}\n",
        "data/site.yml:8:3: newsletter_signup.list: only listmonk takes a list; buttondown does not "
        "use it: remove 'list'",
    ),
    "interests on a link": (
        "newsletter_signup:\n  link: https://shop.substack.com/\n  interests:\n"
        "    - id: yoga\n      label: Yoga\n",
        "data/site.yml:8:3: newsletter_signup.interests: a link cannot tell a sign-up page what a "
        "reader ticked; use buttondown, mailchimp or listmonk to record interests, or remove interests",
    ),
    "mailchimp interest without group": (
        f"newsletter_signup:\n  mailchimp: {ACTION}\n  interests:\n    - id: yoga\n      label: Yoga\n",
        "data/site.yml:9:7: newsletter_signup.interests[0]: 'yoga' has no group; mailchimp records "
        "an interest by its group: add 'group: group[13145][1]' (from your embedded form's code)",
    ),
    "tag on mailchimp": (
        f"newsletter_signup:\n  mailchimp: {ACTION}\n  interests:\n    - id: yoga\n      label: Yoga\n"
        "      tag: yoga\n",
        "data/site.yml:11:7: newsletter_signup.interests[0].tag: mailchimp does not record interests "
        "by tag; it records them by group: remove 'tag' and write 'group: group[13145][1]'",
    ),
    "group name": (
        f"newsletter_signup:\n  mailchimp: {ACTION}\n  interests:\n    - id: yoga\n      label: Yoga\n"
        "      group: group[1]\n",
        "data/site.yml:11:7: newsletter_signup.interests[0].group: expected the name of the group's "
        "checkbox in your Mailchimp embed code, like 'group[13145][1]' (the group category's number, "
        "then the group's), got 'group[1]'",
    ),
    "listmonk interest on the main list": (
        f"newsletter_signup:\n  listmonk: https://news.shop.example\n  list: {UUID}\n  interests:\n"
        f"    - id: yoga\n      label: Yoga\n      list: {UUID}\n",
        f"data/site.yml:12:7: newsletter_signup.interests[0].list: {UUID} is the list every "
        "subscriber joins already (newsletter_signup.list); give this interest a list of its own",
    ),
    "another sender": (
        "newsletter_signup:\n  buttondown: shop\nnewsletter_service: mailchimp\n",
        "data/site.yml:8:1: newsletter_service: 'mailchimp', but newsletter_signup signs readers up "
        "with buttondown; the e-mails go to the subscribers of one service: write "
        "'newsletter_service: buttondown', or sign them up where you send from",
    ),
    "mistyped service": (
        "newsletter_signup:\n  butondown: shop\n",
        "data/site.yml:7:3: newsletter_signup.butondown: unknown field (did you mean 'buttondown'?); "
        "expected one of: buttondown, mailchimp, listmonk, list, link, privacy_policy, interests",
    ),
}


@pytest.mark.parametrize("case", list(MISTAKES))
def test_a_sign_up_mistake_is_said_with_its_place_and_its_fix(make_portal: PortalWriter, case: str) -> None:
    """Each mistake is one line: where, what is wrong, what was expected and how to fix it."""
    written, message = MISTAKES[case]
    assert _problems(make_portal, written) == [message]


def test_an_interest_used_twice_is_reported_once_where_it_repeats(make_portal: PortalWriter) -> None:
    """A repeated id, and a tag that another interest already gets, each at its own line."""
    written = (
        "newsletter_signup:\n  buttondown: shop\n  interests:\n"
        "    - id: yoga\n      label: Yoga\n"
        "    - id: yoga\n      label: Music\n"
        "    - id: music\n      label: Music\n      tag: yoga\n"
    )
    assert _problems(make_portal, written) == [
        "data/site.yml:11:7: newsletter_signup.interests[1].id: duplicate id 'yoga' (also "
        "interests[0]); give each interest its own id",
        "data/site.yml:15:7: newsletter_signup.interests[2].tag: tag 'yoga' is also given to 'yoga'; "
        "readers ticking either would be recorded alike: give each interest its own tag",
    ]


def test_the_sample_s_sign_up_posts_to_buttondown_with_three_interests(sample_copy: object) -> None:
    """The sample portal signs readers up with Buttondown, and sends from it."""
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))  # type: ignore[arg-type]
    signup = portal.site.newsletter_signup
    assert signup is not None and signup.service == "buttondown"
    assert [interest.id for interest in signup.interests] == ["yoga", "music", "talks"]
    assert portal.site.newsletter_service == "buttondown"
