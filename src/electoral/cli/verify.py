"""``electoral verify MANIFEST FORMS``: recompute every node of a published manifest."""

from __future__ import annotations

import argparse

from electoral.cli._command import EXIT_DATA, Command, Context, DataError, Outcome
from electoral.cli._files import Input, read_text
from electoral.errors import ValidationError, ValidationErrors

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("manifest", help="the published manifest (manifest.json)")
    parser.add_argument("forms", help="the published per-form file (forms.csv)")
    parser.add_argument(
        "--root", help="the root published elsewhere (64 hexadecimal digits); must match"
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    from electoral.publication import read_manifest, verify_forms_file

    text = read_text(Input.named(args.manifest, "manifest"))
    forms = Input.named(args.forms, "forms")
    try:
        manifest = read_manifest(text)
        with forms.path.open("rb") as stream:
            result = verify_forms_file(manifest, stream, root=args.root)
    except OSError as error:
        raise forms.unreadable(error) from None
    except ValidationErrors as group:
        raise DataError(group.errors, {"ok": False}) from None
    except ValidationError as error:
        raise DataError([error], {"ok": False}) from None
    language = context.language
    data = {
        "ok": result.ok,
        "forms": result.forms,
        "root": result.root,
        "disagreements": [
            {
                "code": d.code,
                "node": d.node,
                "message": d.message(language),
                "expected": d.expected,
                "found": d.found,
            }
            for d in result.disagreements
        ],
    }
    if result.ok:
        return Outcome(
            text=f"verified: {result.forms:,} forms, every node and the root {result.root}\n",
            data=data,
        )
    lines = [f"NOT verified: {len(result.disagreements)} disagreement(s); the first:"]
    lines.extend(f"  {d.code}: {d.node}: {d.message(language)}" for d in result.disagreements[:10])
    return Outcome(text="\n".join(lines) + "\n", data=data, exit_code=EXIT_DATA)


COMMAND = Command(
    name="verify",
    summary="check a published manifest against its per-form file (exit 1 names the node)",
    configure=_configure,
    run=_run,
)
"""``electoral verify``."""
