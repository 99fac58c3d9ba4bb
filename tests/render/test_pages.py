"""Tests for portal_gen.render.pages: the plan is pure and deterministic, templates can be overridden."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, SAMPLE_TODAY, PortalWriter, files_for, files_of, override, problems

from portal_gen.app import Run, load_portal
from portal_gen.errors import TemplateRenderError


def test_plan_lists_every_page(sample_copy: Path) -> None:
    """Index pages, a page per event and per published issue, the calendar feeds (all events,
    one per tier, one per event except proposed ones), the newsletter feeds and tag index, the
    stylesheet and the owner's pages and images."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    assert sorted(files) == [
        "about.md",
        "assets/portal-gen-tiers.js",
        "assets/portal-gen.css",
        "events/autumn-story-time.md",
        "events/autumn-story-time/autumn-story-time.ics",
        "events/calendar.ics",
        "events/early-years-talk.md",
        "events/early-years-talk/early-years-talk.ics",
        "events/family.ics",
        "events/first-piano-lesson.md",
        "events/first-piano-lesson/first-piano-lesson.ics",
        "events/friends.ics",
        "events/holiday-wrapping-days.md",
        "events/holiday-wrapping-days/holiday-wrapping-days.ics",
        "events/index.md",
        "events/kids-yoga.md",
        "events/kids-yoga/kids-yoga.ics",
        "events/months/2026-10.md",
        "events/months/2026-11.md",
        "events/months/2026-12.md",
        "events/months/2027-01.md",
        "events/months/2027-02.md",
        "events/months/2027-03.md",
        "events/patron.ics",
        "events/tags/books.md",
        "events/tags/kids.md",
        "events/tags/movement.md",
        "events/tags/music.md",
        "events/tags/parents.md",
        "events/teddy-bear-clinic.md",
        "events/teddy-bear-clinic/teddy-bear-clinic.ics",
        "events/teen-line-preview.md",
        "events/teen-line-preview/teen-line-preview.ics",
        "events/tennis-introduction.md",
        "events/winter-story-time.md",
        "events/winter-story-time/winter-story-time.ics",
        "images/autumn-cover.png",
        "images/shop-cover.svg",
        "index.md",
        "newsletter/2026-10-autumn-at-the-shop.md",
        "newsletter/2026-11-yoga-piano-and-a-preview.md",
        "newsletter/atom.xml",
        "newsletter/feed.json",
        "newsletter/feed.xml",
        "newsletter/index.md",
        "newsletter/sitemap.xml",
        "newsletter/tags/index.md",
        "testimonials/index.md",
        "tiers/index.md",
    ]


def test_plan_is_deterministic(sample_copy: Path) -> None:
    """Two runs over the same sources give the same bytes, in the same order."""
    first = files_of(sample_copy, SAMPLE_TODAY)
    second = files_of(sample_copy, SAMPLE_TODAY)
    assert list(first.items()) == list(second.items())


def test_owner_override_wins(sample_copy: Path) -> None:
    """A same-named template under theme_overrides/portal/ replaces the default one."""
    override(
        sample_copy,
        "pages/tiers.md",
        "# Our clubs\n\n{% for tier in portal.tiers %}- {{ tier.name }}\n{% endfor %}",
    )
    files = files_of(sample_copy, SAMPLE_TODAY)
    assert files["tiers/index.md"] == b"# Our clubs\n\n- Friends\n- Family\n- Patron\n"


def test_a_partial_can_be_overridden_alone(sample_copy: Path) -> None:
    """Overriding the event card changes every page that shows events, and nothing else."""
    override(sample_copy, "partials/event_card.md", "* {{ occurrence.event.title }}\n")
    files = files_of(sample_copy, SAMPLE_TODAY)
    assert b"* Your child's first piano lesson\n" in files["events/index.md"]


def test_broken_override_names_the_file_and_line(sample_copy: Path) -> None:
    """An owner's template mistake is reported like a data error, not as a traceback."""
    override(sample_copy, "pages/tiers.md", "# Tiers\n\n{{ portal.tierz }}\n")
    with pytest.raises(TemplateRenderError) as failure:
        files_of(sample_copy, SAMPLE_TODAY)
    assert str(failure.value) == (
        "theme_overrides/portal/pages/tiers.md:3:1: template error: "
        "'portal_gen.model.portal.Portal object' has no attribute 'tierz'"
    )


def test_template_syntax_error_names_the_file_and_line(sample_copy: Path) -> None:
    """An unclosed block is reported at its line."""
    override(sample_copy, "pages/tiers.md", "# Tiers\n{% for tier in portal.tiers %}\n")
    with pytest.raises(TemplateRenderError) as failure:
        files_of(sample_copy, SAMPLE_TODAY)
    assert str(failure.value) == (
        "theme_overrides/portal/pages/tiers.md:2:1: template error: Unexpected end of template. Jinja "
        "was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be "
        "closed is 'for'."
    )


def test_data_is_never_run_as_a_template(make_portal: PortalWriter) -> None:
    """Braces and Markdown in data come out as typed: no template injection, no stray markup."""
    root = make_portal(
        tiers="""\
        tiers:
          - id: friends
            name: "{{ 7*7 }} *friends* <b>"
        """
    )
    files = files_of(root, SAMPLE_TODAY)
    page = files["tiers/index.md"].decode()
    assert "\\{\\{ 7\\*7 \\}\\} \\*friends\\* &lt;b&gt;" in page
    assert "49" not in page


def test_empty_portal_still_renders(make_portal: PortalWriter) -> None:
    """A new portal with only site.yml gets every page, each saying there is nothing yet."""
    files = files_of(make_portal(), SAMPLE_TODAY)
    assert "Nothing is scheduled just now" in files["events/index.md"].decode()
    assert "The first issue is on its way." in files["newsletter/index.md"].decode()
    assert "Our first reviews are on their way." in files["testimonials/index.md"].decode()


def test_lookup_error_in_an_override_names_the_file_and_line(sample_copy: Path) -> None:
    """Asking a helper for a tier that does not exist is a template error, not a traceback."""
    override(sample_copy, "pages/tiers.md", "# Tiers\n\n\n{{ 'gold' | tier_name }}\n")
    with pytest.raises(TemplateRenderError) as failure:
        files_of(sample_copy, SAMPLE_TODAY)
    assert (
        str(failure.value)
        == "theme_overrides/portal/pages/tiers.md:4:1: template error: nothing is known by 'gold'"
    )


def test_interest_link_uses_the_form_when_the_site_has_one(make_portal: PortalWriter) -> None:
    """A proposed event's "I'm interested" goes to site.yml's interest_form, else to an e-mail."""
    events = "events:\n  - id: tennis\n    title: Tennis lessons\n    status: proposed\n"
    with_mail = make_portal(site=MINIMAL_SITE + "  email: hi@shop.example\n", events=events)
    page = files_of(with_mail, SAMPLE_TODAY)["events/tennis.md"].decode()
    assert "(mailto:hi@shop.example?subject=I%27m%20interested%3A%20Tennis%20lessons)" in page
    with_form = make_portal(
        site=MINIMAL_SITE + "interest_form: https://forms.example/interest\n", events=events
    )
    page = files_of(with_form, SAMPLE_TODAY)["events/tennis.md"].decode()
    assert "[I'm interested](https://forms.example/interest?event=tennis)" in page
    with_query = make_portal(
        site=MINIMAL_SITE + "interest_form: https://forms.example/f?id=7\n", events=events
    )
    page = files_of(with_query, SAMPLE_TODAY)["events/tennis.md"].decode()
    assert "[I'm interested](https://forms.example/f?id=7&event=tennis)" in page


def test_ideas_come_first_on_the_events_page_and_as_a_block(make_portal: PortalWriter) -> None:
    """ "Would you come?" is above what is coming up, and {{ proposed_events() }} puts the same
    ideas on an owner's page."""
    events = (
        "events:\n  - id: tennis\n    title: Tennis lessons\n    status: proposed\n"
        "    summary: Four Saturday mornings.\n"
        "  - id: yoga\n    title: Yoga\n    start: 2026-12-05 10:00\n    duration: 1h\n"
    )
    root = make_portal(events=events, pages={"ideas.md": "# Ideas\n\n{{ proposed_events() }}\n"})
    files = files_of(root, SAMPLE_TODAY)
    page = files["events/index.md"].decode()
    assert page.index("## Would you come?") < page.index("## Coming up")
    card = "**[Tennis lessons](tennis.md)**: Four Saturday mornings.\n\n[I'm interested]("
    assert card in page
    assert card.replace("(tennis.md)", "(events/tennis.md)") in files["ideas.md"].decode()


def test_the_home_page_shows_the_logo_the_cover_and_the_ideas_near_the_top(make_portal: PortalWriter) -> None:
    """The logo by the name (not read out twice), the cover with its alt text under the
    tagline, and the ideas with their "I'm interested" link in the first card."""
    site = (
        MINIMAL_SITE
        + "logo: images/logo.png\ncover: images/front.jpg\ncover_alt: The shop window in December\n"
    )
    events = (
        "events:\n  - id: tennis\n    title: Tennis lessons\n    status: proposed\n"
        "  - id: yoga\n    title: Yoga\n    start: 2026-12-05 10:00\n    duration: 1h\n"
    )
    root = make_portal(site=site, events=events)
    (root / "content" / "images").mkdir(parents=True)
    for name in ("logo.png", "front.jpg"):
        (root / "content" / "images" / name).write_bytes(b"\x89PNG")
    home = files_of(root, SAMPLE_TODAY)["index.md"].decode()
    logo = "![](images/logo.png){ .portal-home-logo width=96 height=96 }\n# Test Shop\n"
    cover = "![The shop window in December](images/front.jpg){ .portal-cover }"
    assert logo in home and home.index(logo) < home.index(cover) < home.index("## What we do for you")
    ideas = home[home.index("**Would you come?**") :]
    assert ideas.startswith(
        "**Would you come?**\n\n    - [Tennis lessons](events/tennis.md): [I'm interested]("
    )
    assert (
        home.index("[Yoga](events/yoga.md)") < home.index("**Would you come?**") < home.index("Member tiers")
    )


def test_a_cover_without_alt_text_is_decoration_and_a_missing_one_is_named(make_portal: PortalWriter) -> None:
    """No cover_alt: an empty alt (a screen reader skips it); no file: check names the field."""
    root = make_portal(site=MINIMAL_SITE + "cover: images/front.jpg\n")
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "front.jpg").write_bytes(b"\xff\xd8")
    assert "![](images/front.jpg){ .portal-cover }" in files_of(root, SAMPLE_TODAY)["index.md"].decode()
    (root / "content" / "images" / "front.jpg").unlink()
    assert problems(root) == [
        "data/site.yml:6:1: cover: no file content/images/front.jpg; "
        "put the image there or use an https:// link"
    ]


def test_an_event_picture_has_its_alt_text_and_capacity_reads_as_group_size(
    make_portal: PortalWriter,
) -> None:
    """image_alt describes the picture (without it, an empty alt: decoration); capacity is how
    many the event is for, not how many places are left."""
    events = (
        "events:\n  - id: yoga\n    title: Yoga\n    start: 2026-12-05 10:00\n    duration: 1h\n"
        "    image: https://img.example/yoga.jpg\n    image_alt: Children stretching on mats\n"
        "    capacity: 1\n"
        "  - id: talk\n    title: Talk\n    start: 2026-12-06 10:00\n    duration: 1h\n"
        "    image: https://img.example/talk.jpg\n    capacity: 40\n"
    )
    files = files_of(make_portal(events=events), SAMPLE_TODAY)
    yoga, talk = files["events/yoga.md"].decode(), files["events/talk.md"].decode()
    assert "![Children stretching on mats](https://img.example/yoga.jpg)" in yoga
    assert "![](https://img.example/talk.jpg)" in talk
    assert "**Group size:** up to 1 person" in yoga and "**Group size:** up to 40 people" in talk


@pytest.mark.parametrize(
    ("tiers", "lines"),
    [
        pytest.param(
            "  - {id: a, name: All, threshold: 0}\n  - {id: b, name: Big, threshold: 499.99}\n",
            [
                "- **All**: every customer, from the first purchase.",
                "- **Big**: spend $499.99 or more in a year.",
            ],
            id="cents",
        ),
        pytest.param(
            "  - {id: a, name: Club, threshold: 100, price: 25}\n",
            [
                "Every customer gets our full service. Member tiers add to it:",
                "- **Club**: spend $100 or more in a year, and $25 a year to join.",
            ],
            id="first-tier-has-a-threshold-and-a-fee",
        ),
    ],
)
def test_how_to_qualify_follows_the_thresholds(
    make_portal: PortalWriter, tiers: str, lines: list[str]
) -> None:
    """The qualifying text is worked out from thresholds and fees, cents and all."""
    page = files_of(make_portal(tiers="tiers:\n" + tiers), SAMPLE_TODAY)["tiers/index.md"].decode()
    for line in lines:
        assert line in page


def test_testimonial_author_defaults_to_first_name_and_initial(make_portal: PortalWriter) -> None:
    """Without author, the private full name becomes 'Maya R.'; the full name is never shown."""
    root = make_portal(
        testimonials="""\
        testimonials:
          - id: maya
            quote: Lovely.
            date: 2026-03-02
            consent: true
            contact: {name: Maya Rivera Lopez}
        """
    )
    page = files_of(root, SAMPLE_TODAY)["testimonials/index.md"].decode()
    assert "**Maya L.**" in page and "Rivera" not in page


_RATED = """\
testimonials:
  - id: ann
    author: Ann
    quote: Lovely shop.
    date: 2026-03-02
    consent: true
    rating: 5
    photo: images/ann.jpg
    featured: true
    event: tea
  - id: ben
    author: Ben
    quote: Good advice.
    date: 2026-03-03
    consent: true
    rating: 4
    tier: gold
  - id: cy
    author: Cy
    quote: Nice.
    date: 2026-03-04
    consent: true
  - id: dee
    author: Dee
    quote: Never shown.
    date: 2026-03-05
    consent: false
    rating: 1
"""
_TIERS = """\
tiers:
  - {id: gold, name: Gold, threshold: 500}
"""
_TEA = """\
events:
  - {id: tea, title: Tea & talk, start: 2026-02-01 10:00, end: "11:00"}
"""


def test_ratings_read_as_stars_and_words_and_add_up_without_review_markup(make_portal: PortalWriter) -> None:
    """Each rating is stars with its words for screen readers; the page says the average of
    the shown ratings and how many gave one; nothing tells search engines it is a rating."""
    root = make_portal(testimonials=_RATED, tiers=_TIERS, events=_TEA)
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "ann.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    files = files_of(root, SAMPLE_TODAY)
    page = files["testimonials/index.md"].decode()
    assert (
        '<p class="portal-rating-summary"><span class="portal-stars" aria-hidden="true">★★★★'
        '<span class="portal-stars__empty">★</span></span> Rated 4.5 out of 5 by 2 customers</p>'
    ) in page
    assert (
        '<span class="portal-stars" role="img" aria-label="rated 5 out of 5">★★★★★</span> — **Ann**' in page
    )
    assert (
        '<span class="portal-stars" role="img" aria-label="rated 4 out of 5">★★★★'
        '<span class="portal-stars__empty">★</span></span> — **Ben**'
    ) in page
    assert "Never shown" not in page and "rated 1" not in page
    assert "AggregateRating" not in "".join(data.decode("utf-8", "replace") for data in files.values())


def test_a_testimonial_links_its_event_and_tier_and_shows_its_photo(make_portal: PortalWriter) -> None:
    """The event a testimonial is about and the customer's tier are links; a photo given with
    consent shows beside the words, on the page and on the home page."""
    root = make_portal(testimonials=_RATED, tiers=_TIERS, events=_TEA)
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "ann.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    files = files_of(root, SAMPLE_TODAY)
    page = files["testimonials/index.md"].decode()
    assert "after *[Tea &amp; talk](../events/tea.md)*" in page
    assert "member of the [Gold](../tiers/index.md#gold) tier" in page
    photo = "![](../images/ann.jpg){ .portal-testimonial__photo loading=lazy }"
    assert photo in page
    home = files["index.md"].decode()
    assert "![](images/ann.jpg){ .portal-testimonial__photo loading=lazy }" in home
    assert 'aria-label="rated 5 out of 5"' in home


def test_the_average_is_said_in_the_sites_language(make_portal: PortalWriter) -> None:
    """A German shop's page says the average with a decimal comma, in German, plural and all."""
    root = make_portal(
        site=MINIMAL_SITE + "locale: de_DE\ncurrency: EUR\n", testimonials=_RATED, tiers=_TIERS, events=_TEA
    )
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "ann.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    page = files_of(root, SAMPLE_TODAY)["testimonials/index.md"].decode()
    assert "</span></span> 4,5 von 5 Sternen, bewertet von 2 Kundinnen und Kunden</p>" in page
    assert 'aria-label="bewertet mit 4 von 5"' in page


def test_one_rating_makes_no_average(make_portal: PortalWriter) -> None:
    """A single rating is shown on its testimonial, but "4 out of 5 by 1 customer" is no summary."""
    root = make_portal(
        testimonials=_RATED.split("  - id: cy")[0].replace("    rating: 5\n", ""), tiers=_TIERS, events=_TEA
    )
    (root / "content" / "images").mkdir(parents=True)
    (root / "content" / "images" / "ann.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    page = files_of(root, SAMPLE_TODAY)["testimonials/index.md"].decode()
    assert "portal-rating-summary" not in page and 'aria-label="rated 4 out of 5"' in page


def test_a_story_ends_with_how_to_join_its_tier(sample_copy: Path) -> None:
    """A story about a tier's member leads to that tier's section of the tiers page."""
    page = files_of(sample_copy, SAMPLE_TODAY)["testimonials/index.md"].decode()
    assert "[How to reach the Patron tier :octicons-arrow-right-24:](../tiers/index.md#patron)" in page


def test_stories_need_consent_and_keep_contacts_private(sample_copy: Path) -> None:
    """A story without consent is left out; a story's private contact never reaches a page."""
    stories = sample_copy / "data" / "stories.yml"
    stories.write_text(
        stories.read_text().replace("    consent: true\n    contact:", "    consent: false\n    contact:")
    )
    portal = load_portal(Run(sample_copy, SAMPLE_TODAY))
    assert [s.id for s in portal.stories] == ["rivera-yoga-to-winter"]
    assert "okafor-school-wardrobe" in [held.id for held in portal.held_back if held.kind == "story"]
    text = b"".join(files_for(portal, sample_copy).values())
    assert b"A school year's wardrobe" not in text and b"Daniel Okafor" not in text


def _issues_portal(make_portal: PortalWriter) -> Path:
    return make_portal(
        site=MINIMAL_SITE + "newsletter_service: mailchimp\n",
        pages={
            "images/cover.png": "png",
            "newsletter/2026-01-first.md": "---\ntitle: First\ndate: 2026-01-05\ntags: [gift ideas, music]\n"
            "image: images/cover.png\nimage_alt: A red bow\n---\n{{ greeting() }}\n\n"
            "The *winter* list is here.\n\n<!--more-->\n\nMore after the fold.\n",
            "newsletter/2026-02-second.md": "---\ntitle: Second\ndate: 2026-02-05\nsummary: Given.\n"
            "tags: [music]\n---\n{{ greeting('Hello') }}\n",
        },
    )


def test_tag_index_lists_issues_under_each_tag(make_portal: PortalWriter) -> None:
    """/newsletter/tags/ has a section per tag (anchors without spaces), newest issue first."""
    files = files_of(_issues_portal(make_portal), SAMPLE_TODAY)
    assert files["newsletter/tags/index.md"].decode() == (
        "# Newsletter by topic\n\n"
        "Every issue, under each topic it covers. [All issues, newest first](../index.md).\n\n"
        "## gift ideas { #tag-gift-ideas }\n\n"
        "- [First](../2026-01-first.md), January 5, 2026\n\n"
        "## music { #tag-music }\n\n"
        "- [Second](../2026-02-second.md), February 5, 2026\n"
        "- [First](../2026-01-first.md), January 5, 2026\n\n"
    )


def test_issue_page_shows_topics_cover_and_the_greetings_fallback(make_portal: PortalWriter) -> None:
    """Topics link to their section of the tag index; the cover has its description; the
    greeting reads "Hi there," on the web, never a merge tag."""
    page = files_of(_issues_portal(make_portal), SAMPLE_TODAY)["newsletter/2026-01-first.md"].decode()
    assert (
        "*Monday, January 5, 2026* · Topics: [gift ideas](tags/index.md#tag-gift-ideas), "
        "[music](tags/index.md#tag-music)\n"
    ) in page
    assert "![A red bow](../images/cover.png){ .portal-cover }" in page
    assert "\nHi there,\n" in page
    assert "FNAME" not in page


def test_summary_is_the_excerpt_before_more_without_blocks(make_portal: PortalWriter) -> None:
    """Without a summary, the archive shows the text before <!-- more -->, in one line, with
    data blocks (the greeting) left out; a written summary wins."""
    archive = files_of(_issues_portal(make_portal), SAMPLE_TODAY)["newsletter/index.md"].decode()
    assert "January 5, 2026  \n  The winter list is here.\n" in archive
    assert "February 5, 2026  \n  Given.\n" in archive
    assert "after the fold" not in archive


def test_previous_and_next_stay_within_the_newsletter(make_portal: PortalWriter) -> None:
    """Each issue links the older issue on the left and the newer on the right; the oldest and
    newest have only one; drafts are skipped."""
    pages = {
        f"newsletter/2026-0{n}-issue.md": f"---\ntitle: Issue {n}\ndate: 2026-0{n}-01\n---\nHi\n"
        for n in range(1, 4)
    }
    pages["newsletter/2026-02-draft.md"] = "---\ntitle: Draft\ndate: 2026-02-15\ndraft: true\n---\nHi\n"
    files = files_of(make_portal(pages=pages), SAMPLE_TODAY)

    def links(n: int) -> str:
        text = files[f"newsletter/2026-0{n}-issue.md"].decode()
        return text.split("---\n\n", 1)[1].split("\n", 1)[0]

    assert links(1) == "[Issue 2 :material-arrow-right:](2026-02-issue.md)"
    assert links(2) == (
        "[:material-arrow-left: Issue 1](2026-01-issue.md) · "
        "[Issue 3 :material-arrow-right:](2026-03-issue.md)"
    )
    assert links(3) == "[:material-arrow-left: Issue 2](2026-02-issue.md)"


def test_an_override_may_include_a_file_of_any_name(sample_copy: Path) -> None:
    """An override can include or import any file beside it (partials/snippet.j2), as Jinja allows."""
    override(sample_copy, "partials/snippet.j2", "Snippet for {{ site.name }}\n")
    override(sample_copy, "pages/testimonials.md", '{% include "partials/snippet.j2" %}')
    assert files_of(sample_copy)["testimonials/index.md"].decode() == "Snippet for Bramble &amp; Bloom\n"


def test_an_issue_quotes_only_what_customers_had_said_by_its_date(make_portal: PortalWriter) -> None:
    """featured_testimonials() in an issue of October 1 leaves out a testimonial of November 9;
    the same block on today's home page shows both."""
    root = make_portal(
        testimonials="""\
testimonials:
  - id: early
    author: Ann E.
    quote: Said in September.
    date: 2026-09-01
    consent: true
    featured: true
  - id: later
    author: Bo L.
    quote: Said in November.
    date: 2026-11-09
    consent: true
    featured: true
""",
        pages={
            "newsletter/2026-10-01-issue.md": "---\ntitle: Issue\ndate: 2026-10-01\n---\n\n"
            "{{ featured_testimonials(count=5) }}\n",
            "about.md": "# About\n\n{{ featured_testimonials(count=5) }}\n",
        },
    )
    files = files_of(root, SAMPLE_TODAY)
    issue = files["newsletter/2026-10-01-issue.md"].decode()
    assert "Said in September." in issue and "Said in November." not in issue
    about = files["about.md"].decode()
    assert "Said in September." in about and "Said in November." in about


def test_the_brand_colour_takes_the_place_of_the_samples_green(make_portal: PortalWriter) -> None:
    """brand_color colours the header and links through Material's palette variables."""
    from conftest import MINIMAL_SITE

    root = make_portal(site=MINIMAL_SITE + 'brand_color: "#0b5394"\n')
    css = files_of(root, SAMPLE_TODAY)["assets/portal-gen.css"].decode()
    assert css.endswith(
        "/* The brand colour of data/site.yml. */\n:root > * {\n  --md-primary-fg-color: #0b5394;\n"
        "  --md-primary-fg-color--light: #0b5394;\n  --md-primary-fg-color--dark: #0b5394;\n"
        "  --md-typeset-a-color: #0b5394;\n}\n"
    )


def test_the_owners_words_replace_a_pages_title_and_introduction(make_portal: PortalWriter) -> None:
    """texts: in site.yml is shown as written in place of the translated default; a name that
    is not one of the texts is refused with the one meant."""
    from conftest import MINIMAL_SITE, problems

    root = make_portal(
        site=MINIMAL_SITE + "locale: de_DE\ntexts:\n  events_intro: Kurse und Vorträge für Familien.\n"
    )
    page = files_of(root, SAMPLE_TODAY)["events/index.md"].decode()
    assert page.startswith("# Veranstaltungen\n\nKurse und Vorträge für Familien. Alle Zeitangaben: ")
    root = make_portal(site=MINIMAL_SITE + "texts:\n  event_intro: Ours.\n")
    assert problems(root)[0].startswith(
        "data/site.yml:7:3: texts.event_intro: unknown field (did you mean 'events_intro'?)"
    )


def test_an_owners_template_override_speaks_the_sites_language(make_portal: PortalWriter) -> None:
    """An override may use _() and {% trans %} like the shipped templates; values filled in
    are escaped for Markdown like everything else."""
    from conftest import MINIMAL_SITE, override

    root = make_portal(site=MINIMAL_SITE + "locale: fr_FR\n")
    override(
        root,
        "pages/events.md",
        '# {{ _("Events") }}\n\n{% trans name="*Shop*" %}{{ name }} newsletter{% endtrans +%}\n'
        '{% trans count=2, last="sam. 27 mars" %}{{ count }} date until {{ last }}{% pluralize %}'
        "{{ count }} dates until {{ last }}{% endtrans +%}\n",
    )
    page = files_of(root, SAMPLE_TODAY)["events/index.md"].decode()
    assert page == (
        "# Événements\n\nLettre d\u2019information de \\*Shop\\*\n2 dates jusqu\u2019au sam. 27 mars\n"
    )


def test_event_tags_are_chips_linking_a_page_per_tag(make_portal: PortalWriter) -> None:
    """Each card shows its event's tags as links to the tag's page, which lists the coming
    events with that tag (a series once); the events page lists every tag. A tag written
    with a space shares the page of the one with a hyphen."""
    events = (
        "events:\n"
        "  - id: yoga\n    title: Yoga\n    start: 2026-12-05 10:00\n    duration: 1h\n"
        "    rrule: FREQ=WEEKLY;COUNT=4\n    tags: [kids, gift ideas]\n"
        "  - id: talk\n    title: Talk\n    start: 2026-12-06 19:00\n    duration: 1h\n    tags: [parents]\n"
        "  - id: fair\n    title: Gift fair\n    start: 2026-12-07 19:00\n    duration: 1h\n"
        "    tags: [gift-ideas]\n"
    )
    files = files_of(make_portal(events=events), SAMPLE_TODAY)
    index = files["events/index.md"].decode()
    assert (
        "Topics: [gift ideas](tags/gift-ideas.md){ .portal-chip } [kids](tags/kids.md){ .portal-chip } "
        "[parents](tags/parents.md){ .portal-chip }\n"
    ) in index
    assert "[kids](tags/kids.md){ .portal-chip } [gift ideas](tags/gift-ideas.md){ .portal-chip } \n" in index
    kids = files["events/tags/kids.md"].decode()
    assert kids.startswith("# Events: kids\n")
    assert kids.count("## [Yoga](../yoga.md)") == 1 and "Talk" not in kids
    assert "[kids](kids.md){ .portal-chip }" in kids
    gifts = files["events/tags/gift-ideas.md"].decode()
    assert "## [Yoga](../yoga.md)" in gifts and "## [Gift fair](../fair.md)" in gifts
    assert sorted(path for path in files if path.startswith("events/tags/")) == [
        "events/tags/gift-ideas.md",
        "events/tags/kids.md",
        "events/tags/parents.md",
    ]


def test_the_events_page_shows_the_next_weeks_within_bounds(make_portal: PortalWriter) -> None:
    """The events page shows the next 45 days, at most 30 dates (the rest on their month's
    page, linked), and at least 12 even when they lie further ahead."""
    busy = "events:\n" + "".join(
        f"  - {{id: e{n}, title: E{n}, start: 2026-12-{1 + n // 4:02d} {8 + n % 4}:00, duration: 1h}}\n"
        for n in range(40)
    )
    page = files_of(make_portal(events=busy), SAMPLE_TODAY)["events/index.md"].decode()
    assert page.count('<div class="portal-event"') == 30
    assert "- [December 2026](months/2026-12.md): 40 dates\n" in page
    quiet = "events:\n" + "".join(
        f"  - {{id: q{n}, title: Q{n}, start: 2027-{1 + n:02d}-10 10:00, duration: 1h}}\n" for n in range(11)
    )
    page = files_of(make_portal(events=quiet), SAMPLE_TODAY)["events/index.md"].decode()
    assert page.count('<div class="portal-event"') == 11 and "## Later" not in page


def test_a_past_event_leaves_the_search_index_and_its_page_stays(sample_copy: Path) -> None:
    """An event whose dates have all passed keeps its page, with front matter that keeps it out
    of the search index every page loads; a coming event's page has none, and a month's page
    has it too, as it repeats the event pages."""
    files = files_of(sample_copy, SAMPLE_TODAY)
    assert files["events/autumn-story-time.md"].startswith(b"---\nsearch:\n  exclude: true\n---\n\n# Autumn")
    assert files["events/kids-yoga.md"].startswith(b"# Kids' yoga")
    assert files["events/months/2027-01.md"].startswith(b"---\nsearch:\n  exclude: true\n---\n")


def test_a_month_both_past_and_later_counts_each_part(make_portal: PortalWriter) -> None:
    """Halfway through a busy month, its link under "Later" counts the dates to come and its
    link under "Past events" the dates gone by."""
    busy = "events:\n" + "".join(
        f"  - {{id: e{n}, title: E{n}, start: 2026-12-{1 + n // 4:02d} {8 + n % 4}:00, duration: 1h}}\n"
        for n in range(60)
    )
    page = files_of(make_portal(events=busy), dt.date(2026, 12, 6))["events/index.md"].decode()
    later, past = page.split("## Past events")
    assert "- [December 2026](months/2026-12.md): 40 dates\n" in later
    assert "- [December 2026](months/2026-12.md): 20 dates\n" in past


def test_only_the_newest_issues_are_in_the_search_index(make_portal: PortalWriter) -> None:
    """The newest SEARCHED_ISSUES issues are searched in full; older ones carry front matter
    that keeps them out of the index every page loads, and the archive, which is indexed,
    still lists each one with its summary."""
    from portal_gen.render.pages import SEARCHED_ISSUES

    text = "---\ntitle: News {n}\ndate: 2026-11-{n:02d}\nsummary: About day {n}.\n---\n\nText.\n"
    pages = {f"newsletter/day-{n:02d}.md": text.format(n=n) for n in range(1, SEARCHED_ISSUES + 2)}
    files = files_of(make_portal(pages=pages), dt.date(2026, 12, 31))
    assert files["newsletter/day-01.md"].startswith(b"---\nsearch:\n  exclude: true\n---\n\n# News 1\n")
    assert files["newsletter/day-02.md"].startswith(b"# News 2\n")
    assert files[f"newsletter/day-{SEARCHED_ISSUES + 1:02d}.md"].startswith(b"# News")
    archive = files["newsletter/index.md"].decode()
    assert "**[News 1](day-01.md)**" in archive and "About day 1." in archive
