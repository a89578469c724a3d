"""Command line of ``electoral``: ``electoral demo`` (also ``python -m electoral demo``).

Exit codes: 0 success, 1 the data had problems, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from electoral import __version__
from electoral.errors import ValidationError
from electoral.ids import MODULES

__all__ = ["main"]

#: Identifiers as people type them, with the module that checks each.
DEMO_INPUTS: tuple[tuple[str, str], ...] = (
    ("national_id", "119690261935"),
    ("national_id", "٢١٩٨١٠٣٧١٠٦٢"),
    ("national_id", "319690261935"),
    ("national_id", "1196902619"),
    ("fbr", "se 4471"),
    ("fbr", "12a3"),
    ("center_id", "١١٠٠١"),
    ("center_id", "100000"),
    ("station_number", "002"),
    ("barcode", "031001002117"),
    ("barcode", "31001-002-117"),
    ("phone", "+218 (0)92-345-6789"),
    ("phone", "0913456789"),
    ("phone", "218023456789"),
)


def _demo(out: list[str]) -> int:
    from electoral.testing import sample_election

    modules = {module.__name__.rsplit(".", 1)[1]: module for module in MODULES}
    out.append(f"electoral {__version__}: demo on embedded data")
    out.append("")
    out.append("Identifiers as typed, and what the rules say:")
    refused = 0
    for kind, text in DEMO_INPUTS:
        module = modules[kind]
        try:
            verdict = f"valid   -> {module.format(text)}"
        except ValidationError as error:
            refused += 1
            verdict = f"refused [{error.code}] {error.message()} / {error.message('ar')}"
        out.append(f"  {kind:<15} {text!r:<26} {verdict}")
    sample = sample_election()
    out.append("")
    out.append(f"Sample election: {sample.election.name_en} / {sample.election.name_ar}")
    out.append(f"  polling {sample.election.polling_start} .. {sample.election.polling_end}")
    types = Counter(center.center_type.label() for center in sample.centers)
    out.append(
        f"  {len(sample.offices)} offices, {len(sample.constituencies)} constituencies, "
        f"{len(sample.subconstituencies)} sub-constituencies"
    )
    out.append(
        f"  {len(sample.centers)} centres ("
        + ", ".join(f"{count} {label}" for label, count in sorted(types.items()))
        + f"), {len(sample.stations)} stations"
    )
    genders = Counter(citizen.gender.label() for citizen in sample.citizens)
    out.append(
        f"  {len(sample.citizens)} citizens ("
        + ", ".join(f"{count} {label}" for label, count in sorted(genders.items()))
        + ")"
    )
    out.append(
        f"  {len(sample.ballots)} ballots, {len(sample.candidates)} candidates, "
        f"{len(sample.result_forms)} result forms"
    )
    out.append("")
    out.append(f"{len(DEMO_INPUTS) - refused} identifiers valid, {refused} refused with a code.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="electoral",
        description="Electoral domain rules of Libya's High National Elections Commission.",
    )
    parser.add_argument("--version", action="version", version=f"electoral {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="validate typed identifiers and summarise the embedded sample election",
        description="Validate identifiers as people type them and summarise the sample election.",
    )
    args = parser.parse_args(argv)
    out: list[str] = []
    status = _demo(out) if args.command == "demo" else 2
    sys.stdout.write("\n".join(out) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
