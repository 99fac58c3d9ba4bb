"""The Jinja environment: the owner's template overrides first, then the defaults shipped in the
package, and template errors named by file and line.

One template per page type lives in ``portal_gen/templates/pages/``, repeated cards in
``partials/``; an owner overrides any of them by placing a file with the same relative name
under ``theme_overrides/portal/``. The reader reads those files; rendering never touches the
disk for them, so the same ``Templates`` always give the same pages.

Templates are Markdown with Jinja inside and keep the ``.md`` ending on purpose: MkDocs
copies every other file it finds in the theme's ``custom_dir`` into the published site, but
skips Markdown and HTML, so an owner's overrides never leak onto the web.
"""

from __future__ import annotations

import contextlib
import gettext
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import jinja2.bccache
from jinja2.nodes import EvalContext
from markupsafe import Markup
from markupsafe import escape as escape_html

from portal_gen.errors import TemplateRenderError
from portal_gen.render.formatting import html_text, link_target, markdown_text, meta_text
from portal_gen.reuse import reusable
from portal_gen.texts.catalogs import SOURCE_LANGUAGE, translations

#: Where owners put template overrides, as the portal's messages name it.
OVERRIDES = "theme_overrides/portal"
_PACKAGE_TEMPLATES = str(resources.files("portal_gen") / "templates")


@dataclass(frozen=True)
class Templates:
    """The owner's template overrides, as read: (name under ``theme_overrides/portal/``, text),
    and where templates compiled by an earlier run may be kept (see ``_CompiledCache``)."""

    overrides: tuple[tuple[str, bytes], ...] = ()
    compiled_cache: str | None = None


class _CompiledCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, which never fails a run.

    Compiling the templates was three quarters of rendering the sample's pages once (a
    quarter of a second of every ``check`` and ``build``). Jinja keeps each template's code
    under its name and file, with a checksum of its text and Jinja's and Python's versions,
    and compiles again when any differs. The code also depends on the environment's
    settings, which the key does not hold, so each kind of environment has a folder of its
    own. A folder that cannot be written or read only means compiling again.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_cache(folder: str | None, markdown_pages: bool) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    kind = Path(folder) / ("pages" if markdown_pages else "email")
    try:
        kind.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledCache(str(kind))


class _Overrides(jinja2.BaseLoader):
    """The owner's templates from memory, each named by where the owner keeps it, so that an
    error in one is reported at ``theme_overrides/portal/<name>:<line>``."""

    def __init__(self, templates: Templates) -> None:
        self._sources = dict(templates.overrides)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        data = self._sources.get(template)
        if data is None:
            raise jinja2.TemplateNotFound(template)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problem = jinja2.TemplateSyntaxError(
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
                data[: error.start].count(b"\n") + 1,
                template,
                f"{OVERRIDES}/{template}",
            )
            problem.translated = True  # one line: no excerpt of a file that is not text
            raise problem from None
        return text, f"{OVERRIDES}/{template}", lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self._sources)


def _gettext_callables(
    translations: gettext.NullTranslations, markdown_pages: bool
) -> tuple[Callable[..., str], Callable[..., str]]:
    """``gettext`` and ``ngettext`` for templates, as Jinja's i18n extension calls them with
    ``newstyle`` (``_("Included in %(tier)s:", tier=...)``, ``{% trans %}``).

    The translated text is ours and may hold markup; the values put into it are data, escaped
    like everything else the template prints (for Markdown on pages, for HTML in e-mail
    HTML, not at all in e-mail text).
    """

    def fill(eval_ctx: EvalContext, text: str, variables: dict[str, object]) -> str:
        if not eval_ctx.autoescape:
            return text % variables if variables else text
        escape = markdown_text if markdown_pages else escape_html
        safe = {name: escape(value) for name, value in variables.items()}
        return Markup(text) % safe if variables else Markup(text)

    @jinja2.pass_eval_context
    def gettext_(eval_ctx: EvalContext, message: str, /, **variables: object) -> str:
        return fill(eval_ctx, translations.gettext(message), variables)

    @jinja2.pass_eval_context
    def ngettext_(
        eval_ctx: EvalContext, singular: str, plural: str, count: int, /, **variables: object
    ) -> str:
        variables.setdefault("num", count)
        return fill(eval_ctx, translations.ngettext(singular, plural, count), variables)

    return gettext_, ngettext_


@reusable()
def environment(
    templates: Templates,
    tier_names: tuple[tuple[str, str], ...] = (),
    markdown_pages: bool = True,
    locale: str = SOURCE_LANGUAGE,
) -> jinja2.Environment:
    """Jinja with the owner's overrides first, then the defaults shipped in the package, the
    ``tier_name`` filter for ``tier_names`` (id, name), and ``_``/``{% trans %}`` speaking
    ``locale``'s language.

    Page templates are Markdown and escape values for Markdown too; without
    ``markdown_pages`` (the e-mail templates) ``.html`` escapes for HTML and ``.txt`` not at all.
    An environment is never changed once made: Jinja keeps the templates it has compiled,
    with the filters they were compiled with, so serve may hand the same one back.
    """
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([_Overrides(templates), jinja2.PackageLoader("portal_gen", "templates")]),
        undefined=jinja2.StrictUndefined,
        # Pages are Markdown that may hold HTML: escape for both, unless a filter says the
        # value is already markup.
        autoescape=True if markdown_pages else jinja2.select_autoescape(["html"]),
        finalize=markdown_text if markdown_pages else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change while an environment lives: skip the stat per page.
        auto_reload=False,
        bytecode_cache=_compiled_cache(templates.compiled_cache, markdown_pages),
        extensions=["jinja2.ext.i18n"],
    )
    # Set directly rather than through install_gettext_callables, whose newstyle wrapper
    # would fill the values in unescaped for Markdown.
    gettext_, ngettext_ = _gettext_callables(translations(locale), markdown_pages)
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=gettext_, ngettext=ngettext_)
    env.filters["url"] = link_target
    env.filters["paragraphs"] = paragraphs
    env.filters["html"] = html_text
    env.filters["meta_text"] = meta_text
    names = dict(tier_names)
    env.filters["tier_name"] = lambda tier_id: names[tier_id]
    return env


def paragraphs(text: str | None) -> list[Markup]:
    """Plain text split on blank lines, each paragraph escaped for Markdown."""
    if not text:
        return []
    return [markdown_text(part) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def template_error(error: Exception) -> TemplateRenderError | None:
    """Name the template file and line an error came from, the way data errors do.

    None when a non-Jinja error did not come from an owner's override: data is validated
    before rendering, so that is a bug in portal-gen and deserves its traceback.
    """
    where = ""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        owner = frame.filename.startswith(OVERRIDES + "/")
        if owner or frame.filename.startswith(_PACKAGE_TEMPLATES):
            if not isinstance(error, jinja2.TemplateError) and not owner:
                return None
            where = _display_path(frame.filename) + f":{frame.lineno}:1: "
            break
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = _display_path(error.filename) + f":{error.lineno}:1: "
    detail = f"nothing is known by {error.args[0]!r}" if isinstance(error, KeyError) else str(error)
    return TemplateRenderError(f"{where}template error: {detail}")


def _display_path(filename: str) -> str:
    """An owner's template as the owner names it; one of ours by its place in the package."""
    if filename.startswith(_PACKAGE_TEMPLATES):
        return "portal_gen/templates" + filename[len(_PACKAGE_TEMPLATES) :]
    return filename


def render_template(env: jinja2.Environment, template: str, context: dict[str, object]) -> str:
    """``template`` rendered with ``context``; an error in a template names its file and line."""
    try:
        return env.get_template(template).render(context)
    except (jinja2.TemplateError, LookupError, TypeError, ValueError, AttributeError) as error:
        # An owner's override asking for something that is not there: name its line.
        reported = template_error(error)
        if reported is None:
            raise
        raise reported from error
