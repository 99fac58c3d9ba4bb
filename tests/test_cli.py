"""Tests for portal_gen.cli: messages and exit codes as a person at a terminal sees them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import PortalWriter, build, override

from portal_gen.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_sample_portal(sample_copy: Path) -> None:
    """check counts what it validated and names the testimonials held back for consent."""
    code, out, err = _run("check", "--root", str(sample_copy), "--today", "2026-11-23")
    assert (code, err) == (0, "")
    assert out == (
        "OK: 9 events, 3 tiers, 6 perks, 4 testimonials, 2 stories, 2 newsletter issues "
        "(today is 2026-11-23).\n"
        "Held back until the customer gives consent (consent: true): laura-alterations\n"
    )


def test_check_and_generate_warn_of_a_repeated_quote_and_a_testimonial_before_its_event(
    sample_copy: Path,
) -> None:
    """The same words twice, and a testimonial dated before its event: warned with their
    places, on stderr; check passes and generate writes."""
    testimonials = sample_copy / "data" / "testimonials.yml"
    testimonials.write_text(
        testimonials.read_text()
        + "\n"
        + "  - id: priya-again\n"
        + "    author: Priya\n"
        + '    quote: "Story time was the calmest hour of our  weekend. Thank you for the cider!"\n'
        + "    date: 2026-01-05\n"
        + "    consent: true\n"
        + "    event: autumn-story-time\n"
    )
    warnings = (
        "data/testimonials.yml:58:5: warning: testimonials[5].quote: the same quote as testimonials[2] "
        "(line 33); keep one of them, or give this one the customer's own words\n"
        "data/testimonials.yml:59:5: warning: testimonials[5].date: 2026-01-05 is before the first date "
        "of 'autumn-story-time' (2026-10-17); check the date, or the event it is about\n"
    )
    code, out, err = _run("check", "--root", str(sample_copy), "--today", "2026-11-23")
    assert (code, err) == (0, warnings)
    assert out.startswith("OK: 9 events, 3 tiers, 6 perks, 5 testimonials")
    code, out, err = _run("generate", "--root", str(sample_copy), "--today", "2026-11-23")
    assert (code, err) == (0, warnings)
    assert (sample_copy / "build" / "docs" / "testimonials" / "index.md").is_file()


def test_check_names_the_tiers_search_engines_are_not_told_about(sample_copy: Path) -> None:
    """Without a perk that names a benefit, check says which tiers the structured data leaves
    out and what to add (it is advice: the check passes)."""
    tiers = sample_copy / "data" / "tiers.yml"
    tiers.write_text(tiers.read_text().replace("    benefit: shipping\n", ""))
    code, out, err = _run("check", "--root", str(sample_copy), "--today", "2026-11-23")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "Left out of the member programme search engines see (no perk of theirs names a benefit): "
        "friends, family, patron. Give a perk these tiers get a 'benefit:' (shipping, price, returns "
        "or points) in data/tiers.yml."
    )


def _initialised(root: Path, locale: str) -> Path:
    code, _out, err = _run(
        "init",
        str(root),
        "--locale",
        locale,
        "--currency",
        "EUR",
        "--name",
        "Shop",
        "--url",
        "https://shop.example/",
        "--timezone",
        "Europe/Berlin",
    )
    assert code == 0, err
    return root


def test_check_says_when_theme_language_and_locale_disagree(tmp_path: Path) -> None:
    """init writes theme.language for the locale; an owner who changes one of them is told."""
    root = _initialised(tmp_path / "shop", "de_DE")
    config = root / "mkdocs.yml"
    assert "  language: de\n" in config.read_text()
    code, out, _ = _run("check", "--root", str(root), "--today", "2026-12-03")
    assert code == 0 and "theme.language" not in out
    config.write_text(config.read_text().replace("  language: de\n", "  language: fr\n"))
    code, out, _ = _run("check", "--root", str(root), "--today", "2026-12-03")
    assert out.splitlines()[-1] == (
        "mkdocs.yml's theme.language is 'fr' but data/site.yml's locale is de_DE: Material's own words "
        "(search, table of contents) are not in the pages' language. Set theme.language: de in mkdocs.yml."
    )


def test_check_says_once_when_no_catalog_speaks_the_language(tmp_path: Path) -> None:
    """A Japanese portal builds with English words, and check says so in one line."""
    root = _initialised(tmp_path / "shop", "ja_JP")
    code, out, _ = _run("check", "--root", str(root), "--today", "2026-12-03")
    assert code == 0
    assert out.splitlines()[1:] == [
        "portal-gen speaks no Japanese yet: the words it adds to your pages (headings, buttons, labels) "
        "are in English. Shipped: en, de, es, fr, nl."
    ]


def test_check_writes_nothing(sample_copy: Path) -> None:
    """check only validates: it succeeds and no build/ folder appears."""
    code, _, _ = _run("check", "--root", str(sample_copy))
    assert code == 0
    assert not (sample_copy / "build").exists()


def test_invalid_data_exits_1_with_one_line_per_problem(make_portal: PortalWriter) -> None:
    """Every problem on its own line on stderr, a summary, exit code 1, no traceback."""
    root = make_portal(
        events="events:\n  - id: yoga\n    title: Yoga\n    start: 2026-03-01 11:00\n    end: 10:00\n",
        tiers="tiers: [\n",
    )
    code, out, err = _run("generate", "--root", str(root))
    assert code == 1
    assert out == ""
    assert err == (
        "data/events.yml:5:5: events[0].end: 2026-03-01 10:00 is before start 2026-03-01 11:00\n"
        "data/tiers.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)\n"
        "2 problems found; nothing was written.\n"
    )
    assert "Traceback" not in err
    assert not (root / "build").exists()


def test_generate_reports_what_it_wrote(sample_copy: Path) -> None:
    """generate says where it wrote and how many files changed; a second run changes none."""
    code, out, _ = _run("generate", "--root", str(sample_copy), "--today", "2026-11-23")
    assert code == 0
    assert out.endswith("build/docs: 49 written, 0 removed, 0 unchanged.\n")
    code, out, _ = _run("generate", "--root", str(sample_copy), "--today", "2026-11-23")
    assert out.endswith("build/docs: 0 written, 0 removed, 49 unchanged.\n")


def test_template_error_exits_1_with_its_place(sample_copy: Path) -> None:
    """A broken override is reported as path:line: message with exit code 1."""
    override(sample_copy, "pages/home.md", "{{ nope }}\n")
    code, _, err = _run("generate", "--root", str(sample_copy))
    assert code == 1
    assert err == "error: theme_overrides/portal/pages/home.md:1:1: template error: 'nope' is undefined\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--today", "23/11/2026"],
            "Invalid value for '--today': expected a day like 2026-11-23, got '23/11/2026'",
        ),
        (["check", "--colour"], "No such option '--colour'."),
        (["publish"], "No such command 'publish'."),
    ],
)
def test_usage_errors_exit_2(sample_copy: Path, args: list[str], message: str) -> None:
    """Mistyped options and commands are usage errors (exit 2), not data errors."""
    code, _, err = _run(*args, "--root", str(sample_copy)) if args[0] == "check" else _run(*args)
    assert code == 2
    assert message in err


def test_bad_source_date_epoch_is_a_usage_error(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH is part of how the command was called: exit 2 with the reason."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    code, _, err = _run("check", "--root", str(sample_copy))
    assert code == 2
    assert "Error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got 'soon'" in err


def test_python_dash_m_and_the_console_script(sample_copy: Path) -> None:
    """Both entry points run the same command."""
    module = subprocess.run(
        [sys.executable, "-m", "portal_gen", "check", "--root", str(sample_copy)],
        capture_output=True,
        text=True,
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout.startswith("OK: 9 events")
    script = Path(sys.executable).with_name("portal-gen")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "check" in result.stdout and "generate" in result.stdout and "build" in result.stdout


def test_build_without_mkdocs_yml(make_portal: PortalWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    """build needs mkdocs.yml; without it the message says so before anything is generated."""
    root = make_portal()
    monkeypatch.chdir(root)
    code, _, err = _run("build")
    assert code == 1
    assert err == (
        "error: mkdocs.yml not found; a portal needs mkdocs.yml beside data/ (copy the sample's and "
        "change site_name and site_url)\n"
    )
    assert not (root / "build").exists()


def test_build_strict_fails_on_a_broken_link(sample_copy: Path) -> None:
    """An owner page linking to a page that does not exist fails a strict build with exit 1."""
    (sample_copy / "content" / "about.md").write_text("# About\n\n[Our shop](shop.md)\n")
    result = subprocess.run(
        [sys.executable, "-m", "portal_gen", "build", "--strict", "--root", str(sample_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Doc file 'about.md' contains a link 'shop.md', but the target is not found" in result.stderr
    assert result.stderr.endswith(
        "error: mkdocs build failed (see its messages above); site/ is as it was, and the generated "
        "pages are in build/docs/\n"
    )


def test_build_publishes_the_generated_pages_without_the_plugin_listed(sample_copy: Path) -> None:
    """An mkdocs.yml without `- portal` under plugins still builds the generated site with
    portal-gen build (it tells MkDocs where the pages are), never the raw content/."""
    config = sample_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - portal\n", ""))
    result = build(sample_copy)
    assert result.returncode == 0, result.stderr
    assert (sample_copy / "site" / "events" / "kids-yoga" / "index.html").is_file()


def test_check_renders_the_templates(sample_copy: Path) -> None:
    """A broken override fails check too, before anyone runs generate."""
    override(sample_copy, "pages/home.md", "{{ nope }}\n")
    code, _, err = _run("check", "--root", str(sample_copy))
    assert code == 1
    assert err == "error: theme_overrides/portal/pages/home.md:1:1: template error: 'nope' is undefined\n"


def test_newsletter_email_writes_html_text_and_eml(sample_copy: Path) -> None:
    """newsletter email names each file it wrote and the service whose merge tags it used."""
    code, out, err = _run(
        "newsletter", "email", "2026-11-yoga-piano-and-a-preview", "--eml", "--root", str(sample_copy),
        "--today", "2026-11-23",
    )  # fmt: skip
    assert (code, err) == (0, "")
    email_dir = sample_copy.resolve() / "build" / "email"
    assert out == (
        f"Wrote {email_dir}/2026-11-yoga-piano-and-a-preview.eml\n"
        f"Wrote {email_dir}/2026-11-yoga-piano-and-a-preview.html\n"
        f"Wrote {email_dir}/2026-11-yoga-piano-and-a-preview.txt\n"
        "Merge tags are written for buttondown (newsletter_service in data/site.yml).\n"
    )


def test_newsletter_email_of_a_draft_says_it_is_not_on_the_site(sample_copy: Path) -> None:
    """A draft can be previewed as an e-mail; the command reminds the owner it is unpublished."""
    code, out, _ = _run("newsletter", "email", "2026-12-holiday-wrapping", "--root", str(sample_copy))
    assert code == 0
    assert out.endswith(
        "Note: this issue is a draft; it is not on the website until you remove 'draft: true'.\n"
    )


def test_newsletter_email_of_an_unknown_issue_exits_1(sample_copy: Path) -> None:
    """A mistyped issue is exit 1 with the list of issues, and nothing is written."""
    code, out, err = _run("newsletter", "email", "2026-11-yoga", "--root", str(sample_copy))
    assert (code, out) == (1, "")
    assert err == (
        "error: no newsletter issue '2026-11-yoga' (looked for content/newsletter/2026-11-yoga.md); the "
        "issues are: 2026-10-autumn-at-the-shop, 2026-11-yoga-piano-and-a-preview, 2026-12-holiday-wrapping\n"
    )
    assert not (sample_copy / "build").exists()


def test_newsletter_email_refuses_invalid_data(sample_copy: Path) -> None:
    """The e-mail is only written from data that validates, like the site."""
    (sample_copy / "data" / "site.yml").write_text("name: [\n")
    code, _, err = _run("newsletter", "email", "2026-11-yoga-piano-and-a-preview", "--root", str(sample_copy))
    assert code == 1
    assert err.startswith("data/site.yml:2:1: invalid YAML")
    assert "Traceback" not in err
    assert not (sample_copy / "build").exists()


def _modules_after(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules of ``prefixes`` a fresh interpreter holds after running ``code``."""
    code += f"\nimport json, sys\nprint(json.dumps([m for m in sys.modules if m.startswith({prefixes!r})]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return sorted(json.loads(out.splitlines()[-1]))


def _invoked(*args: str) -> str:
    """Code that runs ``portal-gen ARGS`` as the console script does and keeps going."""
    return f"from portal_gen.cli import main\ntry:\n    main({list(args)!r})\nexcept SystemExit:\n    pass"


#: What no command needs in order to list the commands: the stages, the data libraries, the
#: template engine, MkDocs, and the other commands' own modules.
NOT_FOR_HELP = (
    "portal_gen.app", "portal_gen.render", "portal_gen.check", "portal_gen.model", "portal_gen.errors",
    "portal_gen.host", "portal_gen.cli.common", "portal_gen.cli.data", "portal_gen.cli.site",
    "portal_gen.cli.serve", "babel", "pydantic", "yaml", "jinja2", "markdown", "mkdocs", "dataclasses",
    "subprocess", "ctypes", "logging",
)  # fmt: skip


def test_the_command_line_loads_no_stage_until_a_command_runs() -> None:
    """`portal-gen --help` imports the command line alone: the stages (app and below, half a
    second of imports), the errors (dataclasses), the libraries they use and what starts
    MkDocs (subprocess, ctypes) load when a command that needs them runs."""
    assert _modules_after("import portal_gen.cli", NOT_FOR_HELP) == []
    assert _modules_after(_invoked("--help"), NOT_FOR_HELP) == []


def test_the_help_lists_each_command_with_its_own_first_line() -> None:
    """The listing `--help` prints without importing the commands says what each command's
    own help says, shortened alike at any width."""
    from portal_gen.cli import COMMANDS, LazyGroup

    context = click.Context(main)
    assert isinstance(main, LazyGroup)
    for name, (_, line) in COMMANDS.items():
        command = main.get_command(context, name)
        assert command is not None and command.name == name
        stand_in = click.Command(name, help=line)
        for limit in (20, 45, 70, 200):
            assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit)


def test_a_mistyped_command_is_told_the_close_names() -> None:
    """A command name is unknown until one runs, yet a typo still hears which command was meant."""
    code, _, err = _run("chek")
    assert code == 2
    assert "No such command 'chek'." in err
    if hasattr(click.exceptions, "NoSuchCommand"):  # click 8.4 and later suggest names at all
        assert "Did you mean one of: 'check', 'schema'?" in err


#: What `check` has no use for: the calendars, the schema and starter writers, serve's session
#: and second core, MkDocs and what starts it, the other commands, and xml.sax's escape with
#: the network modules it brings (urllib.request, http.client, ssl).
NOT_FOR_CHECK = (
    "icalendar", "portal_gen.render.ical", "portal_gen.render.json_schemas", "portal_gen.render.starter",
    "portal_gen.incremental", "portal_gen.second_core", "portal_gen.preview",
    "portal_gen.host.children", "portal_gen.host.watch", "portal_gen.cli.site", "portal_gen.cli.serve",
    "mkdocs", "multiprocessing", "concurrent", "subprocess", "xml.sax", "urllib.request", "http", "ssl",
)  # fmt: skip


def test_check_imports_no_calendar_writer() -> None:
    """`portal-gen check` renders pages but no calendars and writes nothing: icalendar (a tenth
    of a second), serve's machinery, MkDocs and the other commands stay unloaded."""
    sample = str(Path(__file__).resolve().parent.parent)
    assert _modules_after(_invoked("check", "--root", sample, "--today", "2026-11-23"), NOT_FOR_CHECK) == []
    code = (
        "import datetime as dt, pathlib\n"
        "from portal_gen import app\n"
        f"app.check(app.Run(pathlib.Path({sample!r}), dt.date(2026, 11, 23)))"
    )
    assert _modules_after(code, NOT_FOR_CHECK) == []
