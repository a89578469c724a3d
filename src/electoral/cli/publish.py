"""``electoral publish``: a tally's manifest and per-form file, bound by a hash tree."""

from __future__ import annotations

import argparse
import pathlib

from electoral.cli._atomic import OutputFolder
from electoral.cli._command import Command, Context, DataError, Outcome, UsageError
from electoral.cli._files import Input
from electoral.cli._inputs import load_result_records, load_setup
from electoral.errors import MissingValue, ValidationError, ValidationErrors

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "folder",
        nargs="?",
        help="the output folder of `electoral demo` (its results.csv and tally-setup/)",
    )
    parser.add_argument("--results", help="a results export CSV (instead of FOLDER)")
    parser.add_argument("--setup", help="its tally setup folder (instead of FOLDER)")
    parser.add_argument("--output", required=True, help="folder for manifest.json and forms.csv")
    parser.add_argument(
        "--election", default="election", help="the election's label, hashed into the root"
    )
    parser.add_argument(
        "--proof",
        action="append",
        default=[],
        metavar="BARCODE",
        help="also write proofs/BARCODE.json, the form's inclusion proof (repeatable)",
    )


def _sources(args: argparse.Namespace) -> tuple[pathlib.Path, pathlib.Path]:
    if args.folder is not None:
        folder = pathlib.Path(args.folder)
        return folder / "results.csv", folder / "tally-setup"
    if args.results is None or args.setup is None:
        raise UsageError(MissingValue("cli.file_missing", field="results", value="FOLDER"))
    return pathlib.Path(args.results), pathlib.Path(args.setup)


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.publication import publish, write_forms, write_manifest, write_proof

    results, setup_folder = _sources(args)
    output = pathlib.Path(args.output)
    folder = OutputFolder(output, command="publish")
    folder.check_inputs(results, setup_folder)
    folder.prepare()
    setup = load_setup(str(setup_folder))
    records = load_result_records(Input.named(results, "results"), context.progress())
    try:
        publication = publish(records, setup, election=args.election)
        proofs = {barcode: write_proof(publication.proof(barcode)) for barcode in args.proof}
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
    # the manifest, the per-form file and the proofs are one set: a crash leaves the
    # old set or the new one, never a manifest beside another publication's forms
    folder.commit(
        {
            "manifest.json": write_manifest(publication.manifest),
            "forms.csv": write_forms(publication),
            **{f"proofs/{barcode}.json": text for barcode, text in proofs.items()},
        }
    )
    ballots = [ballot.key for ballot in publication.manifest.ballots]
    data = {
        "root": publication.root,
        "election": publication.manifest.election,
        "forms": len(publication.forms),
        "ballots": ballots,
        "manifest": str(output / "manifest.json"),
        "forms_file": str(output / "forms.csv"),
        "proofs": sorted(str(output / "proofs" / f"{b}.json") for b in proofs),
    }
    text = (
        f"published {len(publication.forms):,} forms of {len(ballots)} ballots\n"
        f"root {publication.root}\n"
        f"wrote {data['manifest']} and {data['forms_file']}\n"
    )
    return Outcome(text=text, data=data)


COMMAND = Command(
    name="publish",
    summary="a tally's manifest and per-form file, bound by a hash tree",
    configure=_configure,
    run=_run,
)
"""``electoral publish``."""
