"""Tests for portal_gen.render.starter (``portal-gen init``), the deploy workflow and the pre-commit hook."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO, build

from portal_gen.cli import main
from portal_gen.read.yamldoc import parse_yaml
from portal_gen.render.starter import starter_files

WORKFLOW = ".github/workflows/portal.yml"


def _init(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["init", str(folder), *args])
    return result.exit_code, result.stdout, result.stderr


def test_init_makes_a_portal_that_builds_strictly(tmp_path: Path) -> None:
    """A new portal builds with --strict and no warning, with its event and first issue."""
    folder = tmp_path / "shop"
    code, out, _ = _init(
        folder, "--name", 'Corner "Books" & Tea', "--timezone", "Europe/London", "--locale", "en_GB",
        "--currency", "GBP", "--today", "2026-11-23",
    )  # fmt: skip
    assert code == 0
    assert out.startswith(f"Created a portal in {folder} (20 files). Next:\n")
    assert "locale: en_GB\ncurrency: GBP\n" in (folder / "data" / "site.yml").read_text()
    check = CliRunner().invoke(main, ["check", "--root", str(folder), "--today", "2026-11-23"])
    assert check.stdout == (
        "OK: 1 event, 2 tiers, 3 perks, 0 testimonials, 0 stories, 1 newsletter issue "
        "(today is 2026-11-23).\n"
    )
    result = build(folder)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    home = (folder / "site" / "index.html").read_text()
    assert "Corner &#34;Books&#34; &amp; Tea" in home or "Corner &quot;Books&quot; &amp; Tea" in home
    assert (folder / "site" / "events" / "open-house" / "index.html").is_file()
    assert list((folder / "site" / "newsletter").glob("*-welcome/index.html"))


def test_init_dates_its_first_issue_and_event_from_today(tmp_path: Path) -> None:
    """--today names the day init writes for: the first issue is dated it, the open house follows it."""
    code, _, err = _init(tmp_path / "shop", "--today", "2031-02-27")
    assert (code, err) == (0, "")
    issues = sorted(path.name for path in (tmp_path / "shop" / "content" / "newsletter").iterdir())
    assert issues == ["2031-02-welcome.md"]
    issue = (tmp_path / "shop" / "content" / "newsletter" / "2031-02-welcome.md").read_text()
    assert "\ndate: 2031-02-27\n" in issue
    assert "start: 2031-03-01 10:00" in (tmp_path / "shop" / "data" / "events.yml").read_text()


def test_init_reads_today_from_source_date_epoch(tmp_path: Path) -> None:
    """Without --today, init takes the day from SOURCE_DATE_EPOCH in the shop's zone, as builds do."""
    # 2027-01-01 03:00 UTC is still New Year's Eve in Chicago.
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1798772400"}).invoke(
        main, ["init", str(tmp_path / "shop"), "--timezone", "America/Chicago"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "shop" / "content" / "newsletter" / "2026-12-welcome.md").is_file()


def test_init_refuses_a_malformed_today(tmp_path: Path) -> None:
    """A --today that is not a day is a usage error (exit 2), and nothing is written."""
    code, _, err = _init(tmp_path / "shop", "--today", "2026-02-30")
    assert code == 2
    assert "Invalid value for '--today': expected a day like 2026-11-23, got '2026-02-30'" in err
    assert not (tmp_path / "shop").exists()


def test_new_portal_data_matches_its_schemas(tmp_path: Path) -> None:
    """The data files point at the schemas init wrote, and pass them."""
    files = starter_files("Shop", "https://shop.example/", "UTC", dt.date(2026, 11, 23))
    for path, data in files.items():
        if path.startswith("data/"):
            first = data.decode().partition("\n")[0]
            schema = json.loads(files[first.split("$schema=../")[1]])
            document, errors = parse_yaml(data.decode(), path)
            assert errors == []
            jsonschema.validate(document.data, schema)


@pytest.mark.parametrize(
    ("locale", "currency", "shown"),
    [
        (
            "de_DE",
            "EUR",
            {
                "data/tiers.yml": ("tiers", 0, "name", "Freunde"),
                "data/events.yml": ("events", 0, "title", "Tag der offenen Tür"),
                "mkdocs.yml": ('  - "Start": index.md\n',),
            },
        ),
        (
            "fr_FR",
            "EUR",
            {
                "data/tiers.yml": ("perks", 1, "tiers", {"friends": "dès 75\u00a0€", "members": "yes"}),
                "data/site.yml": ("description", None, None, None),
                "mkdocs.yml": ('  - "À propos": about.md\n',),
            },
        ),
    ],
)
def test_init_writes_its_first_words_in_the_locales_language(
    locale: str, currency: str, shown: dict[str, tuple[object, ...]]
) -> None:
    """The starter's words for customers (tiers, perks, the open house, the navigation, the
    welcome issue) come in the locale's language, amounts in its currency, and stay valid
    YAML whatever the translation holds (French puts a space before a colon)."""
    files = starter_files(
        "Shop", "https://shop.example/", "Europe/Paris", dt.date(2026, 11, 23), locale, currency
    )
    for path, expected in shown.items():
        if path == "mkdocs.yml":  # its !ENV tag is MkDocs' own YAML
            assert expected[0] in files[path].decode()
            continue
        document, errors = parse_yaml(files[path].decode(), path)
        assert errors == []
        key, index, field, value = expected
        data = document.data[key]
        if index is None:
            assert " : " in data  # the French colon, kept inside the quoted string
        else:
            assert data[index][field] == value
    issue = next(data for path, data in files.items() if path.startswith("content/newsletter/"))
    front, _, body = issue.decode().partition("\n---\n")
    assert front.splitlines()[1] == (
        'title: "Willkommen zu unserem Newsletter"'
        if locale == "de_DE"
        else 'title: "Bienvenue dans notre lettre d\u2019information"'
    )
    assert "{{ greeting() }}" in body and "[[" not in body  # the issue's own Jinja stays for later


def test_the_first_event_and_issue_are_dated_from_today() -> None:
    """The open house is the first Saturday of next month; the welcome issue is today's."""
    files = starter_files("Shop", "https://shop.example/", "UTC", dt.date(2026, 11, 23))
    assert b"start: 2026-12-05 10:00" in files["data/events.yml"]
    assert b"date: 2026-11-23" in files["content/newsletter/2026-11-welcome.md"]


def test_init_refuses_an_existing_portal(tmp_path: Path) -> None:
    """A folder with mkdocs.yml or data/ is left alone, with exit code 1."""
    (tmp_path / "data").mkdir()
    code, _, err = _init(tmp_path)
    assert code == 1
    assert err == (
        f"error: {tmp_path} already holds a portal (data); init only creates new portals, so nothing "
        "was written\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_init_refuses_to_replace_files(tmp_path: Path) -> None:
    """An existing README.md would be overwritten: init says so and writes nothing."""
    (tmp_path / "README.md").write_text("mine\n")
    code, _, err = _init(tmp_path)
    assert code == 1
    assert err == (
        f"error: init would replace README.md in {tmp_path}; move them away or pick an empty folder "
        "(nothing was written)\n"
    )
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_init_checks_the_time_zone_and_address(tmp_path: Path) -> None:
    """A time zone or address that could not work is refused before anything is written."""
    code, _, err = _init(tmp_path / "a", "--timezone", "Chicago")
    assert (code, err) == (
        1,
        "error: --timezone: unknown time zone 'Chicago'; expected an IANA name such as 'America/Chicago' "
        "or 'Europe/Paris'\n",
    )
    code, _, err = _init(tmp_path / "a", "--currency", "XYZ")
    assert (code, err) == (
        1,
        "error: --currency: unknown currency 'XYZ'; expected an ISO 4217 code such as 'USD' or 'EUR'\n",
    )
    code, _, err = _init(tmp_path / "a", "--url", "shop.example")
    assert (code, err) == (
        1,
        "error: --url: expected a full link starting with https://, got 'shop.example'\n",
    )
    assert not (tmp_path / "a").exists()


def test_sample_shares_the_workflow_and_feed_links_with_new_portals() -> None:
    """One workflow and one main.html: the sample's are exactly what init writes; neither puts
    anything under build/ in git."""
    files = starter_files("Shop", "https://shop.example/", "America/Chicago", dt.date(2026, 11, 23))
    assert (REPO / WORKFLOW).read_bytes() == files[WORKFLOW]
    assert (REPO / "theme_overrides" / "main.html").read_bytes() == files["theme_overrides/main.html"]
    # No Python object tags: mkdocs.yml loads on a fresh clone, from any folder, in any tool.
    for config in ((REPO / "mkdocs.yml").read_bytes(), files["mkdocs.yml"]):
        assert b"!!python/object" not in config and b"portal_gen" not in config
        assert config.count(b"\ndocs_dir: !ENV [PORTAL_GEN_DOCS_DIR, content]\n") == 1
    assert not [path for path in files if path.startswith("build/")]


@pytest.mark.parametrize(
    ("zone", "line"),
    [
        (
            "America/Chicago",
            '"15 6 * * *"  # 06:15 UTC: 00:15 in America/Chicago, 01:15 while clocks are ahead',
        ),
        ("Pacific/Honolulu", '"15 10 * * *"  # 10:15 UTC: 00:15 in Pacific/Honolulu'),
        ("Asia/Kolkata", '"45 18 * * *"  # 18:45 UTC: 00:15 in Asia/Kolkata'),
        (
            "Australia/Sydney",
            '"15 14 * * *"  # 14:15 UTC: 00:15 in Australia/Sydney, 01:15 while clocks are ahead',
        ),
        ("UTC", '"15 0 * * *"  # 00:15 UTC: 00:15 in UTC'),
    ],
)
def test_the_nightly_run_follows_the_portal_zone(zone: str, line: str) -> None:
    """The nightly publish runs just after midnight where the shop is, not at a fixed UTC hour."""
    files = starter_files("Shop", "https://shop.example/", zone, dt.date(2026, 11, 23))
    assert f"    - cron: {line}\n" in files[WORKFLOW].decode()


def _runs(command: str) -> None:
    """A portal-gen command line parses: the command exists and takes those options."""
    args = shlex.split(command)
    assert args[0] == "portal-gen"
    context = main.make_context("portal-gen", args[1:])
    name, sub, rest = main.resolve_command(context, args[1:])
    assert isinstance(sub, click.Command), name
    sub.make_context(name, rest, parent=context)


def test_workflow_builds_every_push_and_night_and_deploys_only_main() -> None:
    """On push to main and nightly: check, build, deploy with the Pages actions; on pull
    requests: check and build only. The commands it runs exist."""
    document, errors = parse_yaml((REPO / WORKFLOW).read_text(), WORKFLOW)
    assert errors == []
    workflow = document.data
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "pull_request" in workflow["on"] and workflow["on"]["schedule"][0]["cron"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs == [
        "python -m pip install -r requirements.txt",
        "portal-gen check",
        "portal-gen build --strict",
    ]
    for command in runs[1:]:
        _runs(command)
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages"))
    assert upload["if"] == "github.event_name != 'pull_request'"
    assert upload["with"]["path"] == "site"
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v4"]
    assert (REPO / "requirements.txt").read_text().splitlines()[-1] == "."


def test_pre_commit_hook_runs_check() -> None:
    """.pre-commit-hooks.yaml offers portal-gen check on the portal's sources."""
    document, errors = parse_yaml((REPO / ".pre-commit-hooks.yaml").read_text(), ".pre-commit-hooks.yaml")
    assert errors == []
    (hook,) = document.data
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "portal-gen-check",
        "portal-gen check",
        "python",
        False,
    )
    _runs(hook["entry"])


@pytest.mark.parametrize("command", ["portal-gen serve --dev-addr 127.0.0.1:9000", "portal-gen schema"])
def test_readme_commands_parse(command: str) -> None:
    """Commands the owner README tells people to run exist."""
    _runs(command)


def test_init_refuses_what_is_in_the_way(tmp_path: Path) -> None:
    """A file where a folder goes, or a dangling link where a file goes, stops init before it
    writes anything; so does an empty name."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "theme_overrides").write_text("a file")
    code, _, err = _init(tmp_path / "a")
    assert code == 1 and err.startswith("error: init would replace theme_overrides/main.html in ")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["theme_overrides"]
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "README.md").symlink_to(tmp_path / "nowhere")
    code, _, err = _init(tmp_path / "b")
    assert code == 1 and "init would replace README.md" in err
    code, _, err = _init(tmp_path / "c", "--name", " ")
    assert (code, err) == (1, "error: --name: expected some text, got an empty value\n")


def test_init_takes_the_folder_as_root_like_every_command(tmp_path: Path) -> None:
    """`init --root FOLDER --today DAY` does what `init FOLDER --today DAY` does."""
    result = CliRunner().invoke(main, ["init", "--root", str(tmp_path / "a"), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "data" / "site.yml").is_file()
    both = CliRunner().invoke(main, ["init", str(tmp_path / "b"), "--root", str(tmp_path / "c")])
    assert both.exit_code == 2
    assert "give the folder once: as FOLDER or as --root" in both.output
    neither = CliRunner().invoke(main, ["init"])
    assert neither.exit_code == 2
    assert "say where to create the portal: portal-gen init FOLDER" in neither.output


def test_an_old_mkdocs_yml_with_the_python_tag_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Portals made before 0.2 say docs_dir: !!python/object/apply:portal_gen.pipeline.staging_folder [];
    that still makes build/docs (with a warning people see) when MkDocs runs in the portal."""
    import warnings

    from portal_gen.pipeline import staging_folder

    (tmp_path / "mkdocs.yml").write_text("site_name: Old\n")
    monkeypatch.chdir(tmp_path)  # the old call knew only the folder MkDocs was started in
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert staging_folder() == "build/docs"
    assert (tmp_path / "build" / "docs").is_dir()
    assert caught[0].category is FutureWarning and "deprecated" in str(caught[0].message)
