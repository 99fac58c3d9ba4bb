"""``pybabel extract`` for the browser editor: the labels and help of every model field.

The texts are written once, beside the fields in ``portal_gen/model/`` (their descriptions),
and shown translated by ``render.cms``; this extractor (named in ``babel.cfg`` for
``render/cms.py``) lists them from the models themselves, so a new field's help reaches
``portal_gen.pot`` with the next ``pybabel extract`` like any other text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: dict[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str, ...], list[str]]]:
    """The module's own marked texts (as ``python`` extracts them), then the models' texts."""
    from portal_gen.render.cms import editor_texts

    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type,misc]
    for text in editor_texts():
        yield 0, "_", text, []
