"""Tests for portal_gen.render.sanitize: Markdown in data fields becomes clean HTML with working links."""

from __future__ import annotations

from portal_gen.render.sanitize import description_html


def test_markdown_stays_and_scripts_go() -> None:
    """Emphasis, lists and tables render; scripts, handlers, styles and iframes are removed."""
    html = description_html(
        "**Bring** a mat.\n\n- one\n- two\n\n<script>alert(1)</script><style>p{}</style>"
        '<img src="x.png" onerror="alert(1)"><iframe src="https://x.example/"></iframe>',
        "events/yoga.md",
    )
    assert "<strong>Bring</strong>" in html and "<li>one</li>" in html
    for gone in ("<script", "alert(1)", "<style", "onerror", "<iframe"):
        assert gone not in html


def test_only_web_and_mail_links_survive() -> None:
    """javascript: and data: addresses lose their href; https and mailto keep theirs."""
    html = description_html(
        "[a](javascript:alert(1)) [b](data:text/html,hi) [c](https://x.example/) [d](mailto:a@x.example)",
        "events/yoga.md",
    )
    assert html.count("href=") == 2
    assert 'href="https://x.example/"' in html and 'href="mailto:a@x.example"' in html


def test_relative_links_point_at_the_published_pages() -> None:
    """Links written as in a MkDocs page reach the page's folder address from /events/<id>/."""
    html = description_html(
        "[yoga](kids-yoga.md#when) [tiers](../tiers/index.md) [photo](../images/a.jpg) [top](#dates)",
        "events/teen-line.md",
    )
    assert 'href="../kids-yoga/#when"' in html
    assert 'href="../../tiers/"' in html
    assert 'href="../../images/a.jpg"' in html
    assert 'href="#dates"' in html


def test_a_rewritten_link_never_becomes_a_script_address() -> None:
    """A relative link that resolves to 'javascript:...' stays a path (and is checked again)."""
    html = description_html(
        "[a](open-house/javascript:alert(1)) ![b](yoga/javascript:alert(1))", "events/yoga.md"
    )
    assert 'href="javascript' not in html and 'src="javascript' not in html
    assert 'src="../../yoga/javascript:alert(1)"' in html  # content/yoga/..., as a path


def test_home_links_and_text_that_looks_like_a_link() -> None:
    """A link to the home page works; href="..." inside code is shown as written."""
    html = description_html('[home](../index.md) `href="about.md"`', "events/yoga.md")
    assert 'href="../../"' in html
    assert '<code>href="about.md"</code>' in html


def test_a_description_image_is_a_file_under_content_linked_from_the_page() -> None:
    """images/x.png names content/images/x.png, as image: does: from events/yoga/ it is
    ../../images/x.png (it was ../images/x.png, a 404)."""
    from portal_gen.render.sanitize import description_text

    html = description_html("![A mat](images/x.png)", "events/yoga.md")
    assert '<img alt="A mat" src="../../images/x.png">' in html
    text = description_text("![A mat](images/x.png)", "https://shop.example/", "events/yoga.md")
    assert text == "[A mat]"
