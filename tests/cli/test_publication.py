"""``electoral publish`` and ``electoral verify`` on the demo's files."""

from __future__ import annotations

import json
import pathlib

from .conftest import Cli


def test_publish_and_verify_the_demo(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    out_dir = tmp_path / "published"
    ran = cli(
        "publish", demo_dir, "--output", out_dir, "--election", "demo",
        "--json", "--proof", "11001001001",
    )  # fmt: skip
    assert ran.code == 0, ran.err
    report = json.loads(ran.out)
    assert report["forms"] > 0
    assert len(report["root"]) == 64
    assert (out_dir / "proofs" / "11001001001.json").is_file()
    # the same export through --results and --setup gives the same root
    again = cli(
        "publish", "--results", demo_dir / "results.csv", "--setup", demo_dir / "tally-setup",
        "--output", tmp_path / "again", "--election", "demo", "--json",
    )  # fmt: skip
    assert again.code == 0
    assert json.loads(again.out)["root"] == report["root"]
    manifest, forms = out_dir / "manifest.json", out_dir / "forms.csv"
    ran = cli("verify", manifest, forms, "--root", report["root"])
    assert ran.code == 0
    assert ran.out.startswith("verified:")
    ran = cli("verify", manifest, forms, "--root", "0" * 64, "--json")
    assert ran.code == 1
    assert json.loads(ran.out)["disagreements"][0]["code"] == "publication.differs.published_root"


def test_verify_names_the_changed_form(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    assert cli("publish", demo_dir, "--output", tmp_path).code == 0
    forms = tmp_path / "forms.csv"
    lines = forms.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[-1] = str(int(cells[-1]) + 1)
    lines[1] = ",".join(cells)
    forms.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ran = cli("verify", tmp_path / "manifest.json", forms)
    assert ran.code == 1
    assert "NOT verified" in ran.out
    assert f"centre {cells[2]} / station {cells[3]}" in ran.out
    assert "publication.differs.form" in ran.out


def test_publish_and_verify_refuse_bad_files(
    cli: Cli, demo_dir: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    ran = cli("publish", "--output", tmp_path)
    assert ran.code == 2
    assert "cli.file_missing" in ran.err
    ran = cli("verify", tmp_path / "none.json", tmp_path / "f.csv")
    assert ran.code == 2
    assert "cli.file_missing" in ran.err
    bad = tmp_path / "manifest.json"
    bad.write_text('{"schema_version": 7}', encoding="utf-8")
    forms = tmp_path / "forms.csv"
    forms.write_text("x\n", encoding="utf-8")
    ran = cli("verify", bad, forms)
    assert ran.code == 1
    assert "publication.schema_version" in ran.err
    assert cli("publish", demo_dir, "--output", tmp_path / "p").code == 0
    ran = cli("verify", tmp_path / "p" / "manifest.json", forms)
    assert ran.code == 1
    assert "publication.file.header" in ran.err
