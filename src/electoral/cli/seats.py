"""``electoral seats VOTES``: seats from votes, with a named method.

The votes are a CSV file (``candidate,votes``, as ``electoral tally --output``
writes them) or a JSON object ``{"candidate": votes}``, recognised from the content.
A tie the method cannot break is reported, with exit code 3: a person must decide,
by the drawing of lots the law requires. Give that drawing with ``--lots`` (the tied
names in the order drawn) and ``--lots-record`` (where its minutes are); the result
then records the drawing and who it chose.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping
from typing import Any

from electoral.cli._args import fraction
from electoral.cli._command import (
    EXIT_DATA,
    EXIT_DECISION,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    Context,
    DataError,
    Outcome,
    UsageError,
)
from electoral.cli._files import Input
from electoral.cli._inputs import INPUT_FORMATS, detect_format, load_votes
from electoral.cli._output import phrase
from electoral.errors import InvalidFormat, OutOfRange, ValidationError, ValidationErrors

__all__ = ["COMMAND"]


METHOD_NAMES = (
    "block_vote",
    "dhondt",
    "droop",
    "fptp",
    "hagenbach_bischoff",
    "hare",
    "hare_rounded",
    "imperiali",
    "modified_sainte_lague",
    "sainte_lague",
    "sntv",
)
"""The names of :data:`electoral.seats.METHODS`, written out so that building the parser
does not import the seats chapter (a test keeps the two equal)."""


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("votes", help="votes by candidate: CSV (candidate,votes) or a JSON object")
    parser.add_argument(
        "--format", choices=("csv", "json"), help="the votes' format (default: from the content)"
    )
    parser.add_argument(
        "--method", choices=METHOD_NAMES, default="sntv", help="the seat method (default sntv)"
    )
    parser.add_argument("--seats", type=int, default=1, help="seats to fill (default 1)")
    parser.add_argument("--threshold", type=fraction, help="list PR threshold (a fraction)")
    parser.add_argument(
        "--lots", help="a drawing of lots: the tied names in the order drawn, separated by commas"
    )
    parser.add_argument(
        "--lots-record",
        default="",
        help="where the drawing's minutes are (recorded in the output)",
    )


def _run(args: argparse.Namespace, context: Context) -> Outcome:
    if args.seats < 1:
        raise UsageError(OutOfRange(field="seats", value=args.seats, min_value=1, max_value="∞"))
    from electoral.seats import METHODS, DrawingOfLots

    source = Input.named(args.votes, "votes")
    votes = load_votes(source, detect_format(source, "votes", args.format))
    method = METHODS[args.method]
    options: dict[str, Any] = {}
    drawing = None
    if args.lots is not None:
        try:
            drawing = DrawingOfLots(
                order=tuple(name.strip() for name in args.lots.split(",")),
                record=args.lots_record,
            )
        except ValidationError as error:
            raise UsageError(error) from None
        options["lots"] = drawing
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
    resolution = getattr(result, "resolution", None)
    tie = getattr(result, "tie", None) if resolution is None else None
    unresolved = tie is not None
    report: dict[str, Any] = {
        "method": args.method,
        "seats": args.seats,
        "votes": votes,
        "allocation": seats,
        "tie": None if tie is None else {"candidates": list(tie.candidates), "seats": tie.seats},
        "lots": None,
        "unfilled": getattr(result, "unfilled", 0),
    }
    if drawing is not None:
        report["lots"] = {
            "order": list(drawing.order),
            "record": drawing.record,
            "used": resolution is not None,
            "tie": None
            if resolution is None
            else {"candidates": list(resolution.tie.candidates), "seats": resolution.tie.seats},
            "winners": [] if resolution is None else list(resolution.winners),
        }
    language = context.language
    lines = [
        f"{name}: {count} seat(s), {votes.get(name, 0):,} votes"
        for name, count in sorted(seats.items(), key=lambda item: (-item[1], item[0]))
    ]
    if resolution is not None and drawing is not None:
        lines.append(
            phrase(
                "lots",
                language,
                order=", ".join(drawing.order),
                winners=", ".join(resolution.winners),
            )
            + (f" [{drawing.record}]" if drawing.record else "")
        )
    if tie is not None:
        lines.append(
            phrase("tie", language, candidates=", ".join(tie.candidates), seats=tie.seats)
        )
    return Outcome(
        text="\n".join(lines) + "\n",
        data=report,
        exit_code=EXIT_DECISION if unresolved else 0,
    )


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
    description=__doc__.split("\n", 2)[2].strip() if __doc__ else "",
    configure=_configure,
    run=_run,
    inputs=tuple(INPUT_FORMATS[k] for k in ("votes",)),
    exit_codes=(EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_DECISION, EXIT_INTERRUPTED),
)
"""``electoral seats``."""
