"""serve's page of what the site holds back, and why, and its previews of unpublished issues.

``<site>/.portal-gen/held-back/`` lists the testimonials and stories without consent and the
issues that are drafts or dated after today (``Portal.held_back``, decided when the portal is
assembled); ``<site>/.portal-gen/held-back/<slug>/`` shows an unpublished issue as its page
will look once it is published, in the site's theme. Only the preview's server answers these
addresses: nothing here is written into the staging folder or the built site.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from portal_gen.addresses import issue_path
from portal_gen.errors import PortalError
from portal_gen.model.held_back import HeldBack
from portal_gen.preview.panel import HELD_BACK, MARK

if TYPE_CHECKING:
    from portal_gen.app import Generated
    from portal_gen.preview.site import PreviewSite

#: A held-back page's answer: the HTTP status and the HTML.
Answer = tuple[int, bytes]


def why(held: HeldBack) -> list[str]:
    """Each reason ``held`` is left out, in the owner's words."""
    said = {
        "no consent": "no consent yet: add consent: true once the customer agrees to be published",
        "draft": "a draft: remove the line draft: true to publish it",
        "dated after today": f"dated {held.date.isoformat()}: not on the site before that day",
    }
    return [said[reason] for reason in held.reasons]


class HeldBackPages:
    """Answers the preview-only addresses from the last good regeneration."""

    def __init__(self, site: PreviewSite) -> None:
        self.site = site
        #: The last regeneration that succeeded (serve sets it); None before the first.
        self.generated: Generated | None = None

    def answer(self, inside: str) -> Answer | None:
        """The page at ``inside`` (a path under the site's address), or None: not one of these."""
        if not inside.startswith(HELD_BACK):
            return None
        slug = inside[len(HELD_BACK) :].strip("/")
        generated = self.generated
        if not slug:
            return 200, listing(generated)
        if "/" in slug or generated is None:
            return None
        held = next(
            (h for h in generated.portal.held_back if h.id == slug and h.kind == "newsletter issue"), None
        )
        return None if held is None else self.issue(generated, held)

    def issue(self, generated: Generated, held: HeldBack) -> Answer:
        from portal_gen.render.environment import Templates
        from portal_gen.render.pages import unpublished_issue_page

        try:
            templates = generated.templates or Templates()
            markdown = unpublished_issue_page(generated.portal, templates, held.id).decode("utf-8")
            issue = next(issue for issue in generated.portal.unpublished if issue.slug == held.id)
            # Rendered as the issue's own page (its links are written from there), served here.
            html = self.site.render_extra(markdown, issue_path(issue), f"{HELD_BACK}{held.id}/index.html")
        except PortalError as error:
            return 500, _page("Held-back issue", f"<p>This issue cannot be shown: {escape(str(error))}</p>")
        if html is None:
            return 503, _page("Held-back issue", "<p>The site has not been built yet; try again shortly.</p>")
        return 200, _with_notice(html.encode("utf-8"), held)


_STYLE = """
body{margin:0;font:17px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem 1rem 4rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.15rem;margin:0 0 .25rem}
ul.held{list-style:none;padding:0}
ul.held>li{border:1px solid #767676;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
code{font:15px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
a{color:#0b4f9c}
a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
"""


def _page(title: str, body: str) -> bytes:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} (preview)</title><style>{_STYLE}</style></head>"
        f'<body><main id="{MARK}-held-back">{body}</main></body></html>'
    ).encode()


def listing(generated: Generated | None) -> bytes:
    """The list of what is held back, with where each is written and why."""
    if generated is None:
        return _page(
            "Held back", "<h1>Held back from the site</h1><p>Not known until the data has no problems.</p>"
        )
    portal = generated.portal
    items = []
    for held in portal.held_back:
        reasons = "".join(f"<li>{escape(reason)}</li>" for reason in why(held))
        preview = ""
        if held.kind == "newsletter issue":
            preview = (
                f'<p><a href="{escape(held.id)}/">Preview “{escape(held.title)}” as it will look</a></p>'
            )
        items.append(
            f"<li><h2>{escape(held.kind.capitalize())} {escape(held.id)}: {escape(held.title)}</h2>"
            f"<p><code>{escape(str(held.position))}</code></p><ul>{reasons}</ul>{preview}</li>"
        )
    listed = (
        f'<ul class="held">{"".join(items)}</ul>' if items else "<p>Nothing: the site shows everything.</p>"
    )
    return _page(
        "Held back",
        "<h1>Held back from the site</h1>"
        f"<p>Today is {portal.today.isoformat()}. These are written down but not on the site. "
        "Only this preview shows this page.</p>"
        f'{listed}<p><a href="../../">Back to the site</a></p>',
    )


def _with_notice(html: bytes, held: HeldBack) -> bytes:
    """The issue's page with a note that it is not on the site yet, and why."""
    reasons = "; ".join(why(held))
    notice = (
        f'<div id="{MARK}-notice" role="status" style="all:initial;display:block;padding:.75rem 1rem;'
        'background:#0b3d6b;color:#fff;font:16px/1.45 system-ui,sans-serif">'
        f"Preview of an issue the site holds back ({escape(reasons)}). "
        f'<a href="../" style="color:#fff;text-decoration:underline">Everything held back</a></div>'
    ).encode()
    start = html.find(b"<body")
    opened = html.find(b">", start) + 1 if start >= 0 else 0
    return html[:opened] + notice + html[opened:]
