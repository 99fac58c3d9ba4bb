"""The preview's web server: the built site on a loopback address, and a page open in a
browser reloads itself as soon as a save has been built.

Each HTML page gets a small script that asks ``/.portal-gen/reload/<version>``; the server
holds that request until the site has a newer version (or a minute has passed), so the
browser learns of a new build the moment it is done, with no polling interval to wait out.
While the site changes, requests wait, so a browser never gets half of a rebuild.

Each HTML page also shows the preview's notes (``panel``): the problems of a save that could
not be shown, and a link to what the site holds back. A failed save changes the notes, and so
the version: open pages reload and show the problems on top of the last good page.
"""

from __future__ import annotations

import contextlib
import http.server
import mimetypes
import posixpath
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

from portal_gen.preview.panel import PREVIEW_FOLDER, Notes, decorate

#: Where the live-reload script asks whether the site has changed.
RELOAD = "/.portal-gen/reload/"
#: How long a reload request is held before the browser is told to ask again.
HOLD = 60.0

# Stops asking while the tab is hidden (a browser allows only a few requests to one server
# at a time, and hidden tabs would take them); asks again on being shown.
_SCRIPT = """<script>(function(version){
var asking = null;
function ask() {
  if (asking || document.visibilityState !== "visible") return;
  asking = new AbortController();
  fetch("%s" + version, {cache: "no-store", signal: asking.signal})
    .then(function(response) { return response.text(); })
    .then(function(text) {
      asking = null;
      if (Number(text) > version) location.reload(); else ask();
    }, function() { asking = null; setTimeout(ask, 1000); });
}
document.addEventListener("visibilitychange", function() {
  if (document.visibilityState === "visible") ask();
  else if (asking) { asking.abort(); asking = null; }
});
ask();
})(%d);</script>"""


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves the folder ``folder()`` names at ``mount`` (the path of the site's URL), and
    the preview-only pages ``extra`` answers (given a path under the mount's ``.portal-gen/``,
    the status and HTML, or None when there is no such page)."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        folder: Callable[[], Path],
        mount: str = "/",
        extra: Callable[[str], tuple[int, bytes] | None] | None = None,
    ) -> None:
        self.folder = folder
        self.mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
        self.extra = extra
        #: What every page shows on top of the site.
        self.notes = Notes()
        self.version = _now()
        self._changes = threading.Condition()
        self._changing = False
        self._closed = False
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        """Answer the held reload requests at once, so their threads end with the server
        instead of holding on for up to ``HOLD`` seconds."""
        with self._changes:
            self._closed = True
            self._changes.notify_all()
        super().server_close()

    @contextlib.contextmanager
    def changing(self, notes: Notes | None = None) -> Iterator[None]:
        """Requests wait while the site changes; open pages reload when it has changed, then
        showing ``notes`` if given (a good save: no problems)."""
        with self._changes:
            self._changing = True
        try:
            yield
        finally:
            with self._changes:
                self._changing = False
                self.notes = self.notes if notes is None else notes
                self._new_version()

    def show(self, notes: Notes) -> None:
        """Pages show ``notes`` from now on; open pages reload if that changes them."""
        with self._changes:
            if notes != self.notes:
                self.notes = notes
                self._new_version()

    def _new_version(self) -> None:
        self.version = max(self.version + 1, _now())
        self._changes.notify_all()

    def served(self) -> int:
        """Wait for a change in progress to end; the version then served."""
        with self._changes:
            self._changes.wait_for(lambda: not self._changing)
            return self.version

    def newer_than(self, version: int) -> int:
        """The site's version, once it is newer than ``version`` or ``HOLD`` has passed."""
        with self._changes:
            self._changes.wait_for(
                lambda: self._closed or (self.version > version and not self._changing), timeout=HOLD
            )
            return self.version


def _now() -> int:
    return time.time_ns() // 1_000_000


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # each request is not news to the owner

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.startswith(RELOAD):
            known = path[len(RELOAD) :]
            version = self.server.newer_than(int(known)) if known.isdigit() else self.server.version
            return self._send(200, str(version).encode(), "text/plain; charset=utf-8", head)
        if not (path + "/").startswith(self.server.mount):
            if path == "/":
                return self._redirect(self.server.mount)
            return self._not_found(head, self.server.served())
        version = self.server.served()
        extra = self.server.extra
        if extra is not None and path[len(self.server.mount) :].startswith(PREVIEW_FOLDER):
            answer = extra(path[len(self.server.mount) :])
            if answer is not None:
                return self._send(answer[0], answer[1], "text/html; charset=utf-8", head, version)
        inside = posixpath.normpath("/" + path[len(self.server.mount) :]).lstrip("/")
        target = self.server.folder() / inside if inside != "." else self.server.folder()
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(urllib.parse.quote(path) + "/")
            target = target / "index.html"
        try:
            body = target.read_bytes()
        except OSError:
            return self._not_found(head, version)
        self._send(200, body, _type_of(target.name), head, version)

    def _not_found(self, head: bool, version: int) -> None:
        page = self.server.folder() / "404.html"
        try:
            body = page.read_bytes()
        except OSError:
            body = b"<!doctype html><title>404</title><p>Not found.</p></body>"
        self._send(404, body, "text/html; charset=utf-8", head, version)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, kind: str, head: bool, version: int | None = None) -> None:
        if version is not None and kind.startswith("text/html"):
            body = _with_script(decorate(body, self.server.notes, self.server.mount), version)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a preview is never to be taken from a cache
        self.end_headers()
        if not head:
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body)


def _with_script(body: bytes, version: int) -> bytes:
    script = (_SCRIPT % (RELOAD, version)).encode()
    end = body.rfind(b"</body>")
    return body + script if end < 0 else body[:end] + script + body[end:]


def _type_of(name: str) -> str:
    # The types MkDocs' own server insists on, then the system's table; text is UTF-8.
    if name.endswith((".js", ".mjs")):
        return "text/javascript; charset=utf-8"
    guess = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".ics"):
        guess = "text/calendar"
    if guess.startswith("text/") or guess in ("application/json", "application/xml", "image/svg+xml"):
        return guess + "; charset=utf-8"
    return guess
