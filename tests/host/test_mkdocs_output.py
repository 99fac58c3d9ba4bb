"""Tests for portal_gen.host.mkdocs_output: MkDocs' messages pass through, a crash becomes one line."""

from __future__ import annotations

from portal_gen.host.mkdocs_output import MkDocsOutput

CRASH = """\
INFO    -  Building documentation to directory: /p/.site.portal-gen-spare
Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
    sent = os.sendfile(outfd, infd, offset, blocksize)
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
OSError: [Errno 28] No space left on device: '/v/bundle.js' -> '/p/.site.portal-gen-spare/assets/bundle.js'
"""


def test_messages_pass_through_naming_site() -> None:
    """Ordinary lines are shown as they come, with the hidden build folder shown as site/."""
    output = MkDocsOutput("/p/.site.portal-gen-spare", "/p/site")
    shown = [line for text in CRASH.splitlines(keepends=True) for line in output.feed(text)]
    assert shown == ["INFO    -  Building documentation to directory: /p/site"]
    assert output.crash == (
        "error: mkdocs could not write /p/site/assets/bundle.js: No space left on device; "
        "free some space and run again"
    )


def test_any_other_crash_keeps_its_last_line() -> None:
    """A crash that is not a file error is named by its last line."""
    output = MkDocsOutput("/p/.spare", "/p/site")
    for line in ["Traceback (most recent call last):\n", "  File 'x', line 1\n", "KeyError: 'nav'\n"]:
        assert output.feed(line) == []
    assert output.crash == "error: mkdocs stopped: KeyError: 'nav'"


def test_a_chained_traceback_reports_its_first_cause() -> None:
    """ "During handling of the above exception" and the second traceback are held back too."""
    output = MkDocsOutput("/p/.spare", "/p/site")
    lines = [
        "Traceback (most recent call last):",
        "  File 'x', line 1",
        "OSError: [Errno 28] No space left on device: '/p/.spare/a.html'",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        "  File 'y', line 2",
        "mkdocs.exceptions.Abort: Aborted",
    ]
    assert [shown for line in lines for shown in output.feed(line + "\n")] == []
    assert output.crash == (
        "error: mkdocs could not write /p/site/a.html: No space left on device; free some space and run again"
    )
