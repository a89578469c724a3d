"""``electoral seats VOTES``: seats from votes, with a named method."""

from __future__ import annotations

import argparse
import pathlib
from collections import Counter
from collections.abc import Mapping
from typing import Any

from electoral.cli._args import fraction
from electoral.cli._command import Command, Context, DataError, Outcome, UsageError
from electoral.cli._inputs import read_votes
from electoral.errors import InvalidFormat, OutOfRange, ValidationError, ValidationErrors

__all__ = ["COMMAND"]


def _configure(parser: argparse.ArgumentParser) -> None:
    from electoral.seats import METHODS

    parser.add_argument("votes", help="CSV (candidate,votes) or JSON object of votes")
    parser.add_argument(
        "--method", choices=sorted(METHODS), default="sntv", help="the seat method (default sntv)"
    )
    parser.add_argument("--seats", type=int, default=1, help="seats to fill (default 1)")
    parser.add_argument("--threshold", type=fraction, help="list PR threshold (a fraction)")
    parser.add_argument("--lots", help="a drawing of lots: names in the order drawn, by commas")


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    if args.seats < 1:
        raise UsageError(OutOfRange(field="seats", value=args.seats, min_value=1, max_value="∞"))
    from electoral.seats import METHODS, DrawingOfLots

    votes = read_votes(pathlib.Path(args.votes))
    method = METHODS[args.method]
    options: dict[str, Any] = {}
    if args.lots:
        options["lots"] = DrawingOfLots(order=tuple(n.strip() for n in args.lots.split(",")))
    if args.threshold is not None:
        options["threshold"] = args.threshold
    try:
        result = method(votes, args.seats, **options)
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
    except TypeError:
        raise UsageError(
            InvalidFormat(
                "cli.usage",
                field="arguments",
                value=args.method,
                reason=f"the method {args.method} takes no threshold",
            )
        ) from None
    seats = _seat_map(result)
    tie = getattr(result, "tie", None)
    resolution = getattr(result, "resolution", None)
    report = {
        "method": args.method,
        "seats": args.seats,
        "votes": votes,
        "allocation": seats,
        "tie": None
        if tie is None or resolution is not None
        else {"candidates": list(tie.candidates), "seats": tie.seats},
        "unfilled": getattr(result, "unfilled", 0),
    }
    lines = [
        f"{name}: {count} seat(s), {votes.get(name, 0):,} votes"
        for name, count in sorted(seats.items(), key=lambda item: (-item[1], item[0]))
    ]
    if report["tie"]:
        lines.append(
            f"TIE: {', '.join(report['tie']['candidates'])} for {report['tie']['seats']} "
            "seat(s); pass --lots with the drawing's order to resolve it"
        )
    return Outcome(text="\n".join(lines) + "\n", data=report)


def _seat_map(result: Any) -> dict[str, int]:
    for name in ("final", "seats", "allocation"):
        value = getattr(result, name, None)
        if isinstance(value, Mapping):
            return {str(k): int(v) for k, v in value.items()}
    elected = getattr(result, "elected", None)
    if isinstance(elected, tuple | list):
        counted = Counter(str(name) for name in elected)
        resolution = getattr(result, "resolution", None)
        for name in getattr(resolution, "winners", ()) or ():
            counted[str(name)] += 1
        return dict(counted)
    if isinstance(elected, str):
        return {elected: 1}
    return {}


COMMAND = Command(
    name="seats",
    summary="seats from votes with a named method",
    configure=_configure,
    run=_run,
)
"""``electoral seats``."""
