"""Tests for portal_gen.model.images: the images a description shows, found under content/."""

from __future__ import annotations

from portal_gen.model.images import content_path, image_sources, missing_images


def test_markdown_and_html_images_are_found() -> None:
    """Both ways of writing an image count; links are not images."""
    text = 'A ![mat](images/mat.png "Mat") and <img src="images/b.jpg" alt="b">, [a link](x.md).'
    assert image_sources(text) == ["images/mat.png", "images/b.jpg"]


def test_only_files_under_content_that_are_missing_are_reported() -> None:
    """Full links and absolute paths are not checked; ./ and a folder step are resolved."""
    text = "![a](images/a.png) ![b](./images/b.png) ![c](https://cdn.example/c.png) ![d](/d.png)"
    assert missing_images(text, {"images/a.png"}) == ["images/b.png"]
    assert content_path("images/../images/a.png") == "images/a.png"
