"""The command line of ``electoral`` (also ``python -m electoral``).

========================================  ===============================================
command                                   what it does
========================================  ===============================================
``electoral demo``                        a synthetic national election end to end:
                                          register, stations, results, tally, winners;
                                          time per stage; files in ``--output``
``electoral validate KIND FILE``          every problem of a file, with line and code
``electoral stations``                    rolls and polling stations from a centres
                                          file, a civil-registry dump and registrations
``electoral tally RESULTS --setup DIR``   totals from a results export
``electoral seats VOTES``                 seats from votes with a named method
``electoral convert KIND IN OUT``         between the registration system's, the
                                          results system's and our JSON formats
========================================  ===============================================

Conventions: ``--help`` on every command; ``--json`` prints one JSON document on
stdout instead of text; exit code 0 when all is well, 1 when the data have
problems, 2 for bad arguments (a missing file, an unknown option); problems are
written ``code: message @ location`` (``validate`` writes them on stdout, as its
report; every other command on stderr); a progress indicator on stderr during long
stages, only when stderr is a terminal; files are written atomically (a temporary
file in the same folder, then :func:`os.replace`), so a failure never leaves a
half-written file. Nothing here prints a traceback for bad input.

File formats ("the formats of the existing systems"):

* ``centers``: the registration system's centre upload CSV
  (:data:`electoral.registration.CENTER_CSV_COLUMNS`);
* ``citizens``: the civil registry's 14-column dump
  (:data:`electoral.registration.REGISTRY_COLUMNS`), with or without its header row;
* ``registrations``: CSV with the columns ``national_id`` and ``center_id`` (one
  current registration per citizen; other columns are ignored);
* ``result-forms``: the results system's result-forms CSV, checked against a tally
  setup folder (``--setup DIR``) holding its setup files (``ballots.csv``,
  ``sub_constituencies.csv``, ``sub_constituency_ballots.csv``, ``centers.csv``,
  ``stations.csv``, ``candidates.csv``, ``ballot_order.csv``), as ``electoral demo``
  writes them.

>>> main(["seats", "--help"]) == 0  # doctest: +ELLIPSIS
usage: electoral seats ...
True
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import pathlib
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, NoReturn, TextIO

import pendulum

from electoral import __version__
from electoral.errors import (
    ElectoralError,
    ErrorCollector,
    InconsistentValue,
    InvalidFormat,
    MissingValue,
    OutOfRange,
    ValidationError,
    ValidationErrors,
    register_messages,
)
from electoral.ids import center_id as _center_id
from electoral.ids import national_id as _national_id
from electoral.model import (
    TRIPOLI,
    Center,
    CenterType,
    Citizen,
    FormState,
    Gender,
    ResultForm,
)

if TYPE_CHECKING:
    from electoral.synthetic import Country, SyntheticElection

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE", "main", "write_atomic"]

EXIT_OK: Final = 0
"""Success."""
EXIT_DATA: Final = 1
"""The data had problems (they were reported)."""
EXIT_USAGE: Final = 2
"""Bad arguments: an unknown option, a missing or unreadable file."""

register_messages(
    {
        "cli.usage": ("bad arguments: {reason}", "وسائط غير صحيحة: {reason}"),
        "cli.row_cells": (
            "{field}: the row has {count} cells; the header has {expected}.",
            "{field}: يحتوي الصف على {count} خلية؛ والترويسة على {expected}.",
        ),
        "cli.file_missing": (
            "{field}: the file {value} does not exist.",
            "{field}: الملف {value} غير موجود.",
        ),
        "cli.file_unreadable": (
            "{field}: the file {value} cannot be read ({reason}).",
            "{field}: تعذرت قراءة الملف {value} ({reason}).",
        ),
        "cli.not_utf8": (
            "{field}: the file {value} is not UTF-8 text.",
            "{field}: الملف {value} ليس نصًا بترميز UTF-8.",
        ),
        "cli.not_csv": (
            "{field}: the file {value} is not a CSV file ({reason}).",
            "{field}: الملف {value} ليس ملف CSV ({reason}).",
        ),
        "cli.not_json": (
            "{field}: the file {value} is not JSON ({reason}).",
            "{field}: الملف {value} ليس بصيغة JSON ({reason}).",
        ),
        "cli.missing_columns": (
            "{field}: the columns {columns} are missing.",
            "{field}: الأعمدة {columns} مفقودة.",
        ),
        "cli.write_failed": (
            "{field}: the file {value} could not be written ({reason}).",
            "{field}: تعذرت كتابة الملف {value} ({reason}).",
        ),
        "cli.setup_required": (
            "{field}: result forms are checked against a tally setup; pass --setup DIR.",
            "{field}: تُفحص استمارات النتائج مقابل إعدادات العد؛ حدد --setup DIR.",
        ),
        "cli.fraction": (
            "{field}: {value} is not a fraction between 0 and 1 (write 1/50 or 0.02).",
            "{field}: القيمة {value} ليست كسرًا بين 0 و1 (اكتب 1/50 أو 0.02).",
        ),
        "cli.date": (
            "{field}: {value} is not a date (YYYY-MM-DD).",
            "{field}: القيمة {value} ليست تاريخًا (YYYY-MM-DD).",
        ),
        "cli.votes": (
            "{field}: {value} is not a whole number of votes.",
            "{field}: القيمة {value} ليست عددًا صحيحًا من الأصوات.",
        ),
        "cli.duplicate_candidate": (
            "{field}: {value} appears more than once.",
            "{field}: القيمة {value} مكررة.",
        ),
        "cli.convert_unsupported": (
            "{field}: cannot convert {value}; supported: {supported}.",
            "{field}: لا يمكن تحويل {value}؛ التحويلات المتاحة: {supported}.",
        ),
        "cli.unknown_center": (
            "{field}: centre {value} is not in the centres file.",
            "{field}: المركز {value} غير موجود في ملف المراكز.",
        ),
        "cli.unknown_citizen": (
            "{field}: no citizen with national id {value} in the civil registry file.",
            "{field}: لا يوجد مواطن بالرقم الوطني {value} في ملف السجل المدني.",
        ),
        "cli.two_registrations": (
            "{field}: citizen {value} is registered more than once.",
            "{field}: المواطن {value} مسجل أكثر من مرة.",
        ),
    }
)


class UsageError(Exception):
    """Bad arguments: reported with exit code 2."""

    def __init__(self, error: ValidationError) -> None:
        super().__init__(str(error))
        self.error = error


class DataError(Exception):
    """Bad data: every problem is reported, exit code 1."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = tuple(errors)


# --------------------------------------------------------------------------- output


def describe(error: ValidationError) -> str:
    """One problem as ``code: message @ location``.

    >>> describe(MissingValue(field="office", location="line 5"))
    'missing: office is required. @ line 5'
    """
    where = f" @ {error.location}" if error.location else ""
    return f"{error.code}: {error.message()}{where}"


def _problem_json(error: ValidationError) -> dict[str, Any]:
    return {
        "code": error.code,
        "field": error.field,
        "location": error.location,
        "message": error.message(),
        "message_ar": error.message("ar"),
    }


def write_atomic(path: pathlib.Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    The temporary file is renamed over ``path`` only once it is complete
    (:func:`os.replace` is atomic on one file system), so readers see the old file
    or the new one, never half of it; on failure the temporary file is removed.

    Raises:
        UsageError: ``cli.write_failed``.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w",
            encoding="utf-8",
            newline="",
            dir=folder,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as error:
        raise UsageError(_write_error(path, error)) from None
    temporary = pathlib.Path(handle.name)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # a temporary file is private (0600); the output gets the usual mode
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise UsageError(_write_error(path, error)) from None
        raise


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_error(path: pathlib.Path, error: OSError) -> ValidationError:
    return InvalidFormat(
        "cli.write_failed", field="output", value=str(path), reason=error.strerror or str(error)
    )


class _Progress:
    """A one-line progress indicator on stderr, silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{stage:<10} [{bar}] {100 * done // total:3d}% {done:,}/{total:,}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 79 + "\r")
            self.stream.flush()
            self.shown = False


# --------------------------------------------------------------------------- input


def _read_text(path: pathlib.Path, field: str = "file") -> str:
    if not path.exists():
        raise UsageError(MissingValue("cli.file_missing", field=field, value=str(path)))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(
            InvalidFormat(
                "cli.file_unreadable",
                field=field,
                value=str(path),
                reason=error.strerror or str(error),
            )
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([InvalidFormat("cli.not_utf8", field=field, value=str(path))]) from None


def _csv_rows(text: str, path: pathlib.Path, field: str = "file") -> list[list[str]]:
    if "\x00" in text:
        raise DataError(
            [InvalidFormat("cli.not_csv", field=field, value=str(path), reason="NUL byte")]
        )
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise DataError(
            [InvalidFormat("cli.not_csv", field=field, value=str(path), reason=str(error))]
        ) from None


def _fraction(text: str) -> Fraction:
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        value = Fraction(-1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            OutOfRange(
                "cli.fraction", field="share", value=text, min_value=0, max_value=1
            ).message()
        )
    return value


def _date(text: str) -> pendulum.DateTime:
    try:
        day = pendulum.Date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            InvalidFormat("cli.date", field="as_of", value=text).message()
        ) from None
    return pendulum.datetime(day.year, day.month, day.day, 12, tz=TRIPOLI)


def _now() -> pendulum.DateTime:
    """The command line's one reading of the clock (the library itself never reads it)."""
    return pendulum.now(TRIPOLI)


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a bad argument as a :class:`UsageError`."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(
            InvalidFormat(
                "cli.usage", field="arguments", value=message, reason=f"{message} (see --help)"
            )
        ) from None


# --------------------------------------------------------------------------- demo


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from electoral import synthetic

    size = synthetic.Size.named(args.size)
    output = pathlib.Path(args.output)
    if not args.no_files:  # refuse an unusable folder now, not after a minute of work
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(_write_error(output, error)) from None
    progress = _Progress(err, enabled=not args.quiet)
    lines: list[str] = []

    def stage_done(stage: str, seconds: float) -> None:
        progress.clear()
        if not args.json and not args.quiet and err.isatty():
            err.write(f"{stage:<10} done in {seconds:6.2f} s\n")

    began = time.perf_counter()
    election = synthetic.run(
        size,
        seed=args.seed,
        problem_share=args.problem_share,
        register_problem_share=args.register_problem_share,
        progress=progress,
        on_stage=stage_done,
    )
    progress.clear()
    write_began = time.perf_counter()
    summary = _demo_summary(election)
    if not args.no_files:
        _write_demo_files(election, output, summary)
    summary["timings"]["write"] = time.perf_counter() - write_began
    summary["timings"]["total"] = time.perf_counter() - began
    summary["output"] = None if args.no_files else str(output)
    if args.json:
        out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    lines.extend(_demo_text(election, summary))
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _percent(part: int, whole: int) -> str:
    """An exact percentage shown with one decimal, rounded half up (display only)."""
    if whole == 0:
        return "-"
    tenths = (Fraction(1000 * part, whole) + Fraction(1, 2)).__floor__()
    return f"{tenths // 10}.{tenths % 10}%"


def _demo_summary(election: SyntheticElection) -> dict[str, Any]:
    from electoral.synthetic import STAGES, public_draw

    country = election.country
    official = election.tally.official
    quarantine = election.tally.with_quarantine
    names = {c.key: c for c in country.candidates}
    ballots = {b.number: b for b in country.ballots}
    winners = []
    for winner in election.outcome.winners:
        ballot, candidate_id = (int(part) for part in winner.candidate.split(":"))
        candidate = names[(ballot, candidate_id)]
        totals = official.ballot.get(ballot)
        votes = 0 if totals is None else totals.votes.get(candidate.key, 0)
        winners.append(
            {
                "race": winner.race,
                "kind": winner.kind,
                "ballot": ballot,
                "candidate_id": candidate_id,
                "name": candidate.name_ar,
                "votes": votes,
                "seats": winner.seats,
                "by_lot": winner.by_lot,
            }
        )
    unresolved = {race for race, _ in election.outcome.ties}
    states = {
        state.value: count
        for state, count in sorted(election.tally.states.items(), key=lambda item: item[0].value)
    }
    registered = election.register.voters
    stations = election.allocation.stations
    return {
        "electoral": __version__,
        "size": election.size.name,
        "seed": election.seed,
        "country": {
            "regions": len({o.region for o in country.offices}),
            "offices": len(country.offices),
            "constituencies": len(country.constituencies),
            "subconstituencies": len(country.subconstituencies),
            "centers": dict(sorted(Counter(c.center_type.value for c in country.centers).items())),
            "ballots": len(country.ballots),
            "candidates": len(country.candidates),
            "seats": {
                "general": sum(country.general_seats.values()),
                "women": sum(country.women_seats.values()),
            },
        },
        "register": {
            "records": registered,
            "accepted": len(election.register_check.records),
            "refused": dict(
                sorted(Counter(e.code for e in election.register_check.problems).items())
            ),
            "problems": [describe(e) for e in election.register_check.problems[:50]],
            "too_young": election.allocation.too_young,
            "blocked": election.allocation.blocked,
            "on_roll": election.allocation.on_roll,
        },
        "stations": {
            "total": len(stations),
            "out_of_country": sum(1 for s in stations if s.registrants is None),
            "by_gender": dict(sorted(Counter(s.gender.value for s in stations).items())),
            "registrants": sum(s.registrants or 0 for s in stations),
        },
        "forms": {
            "printed": len(election.forms),
            "injected": dict(sorted(election.injected.items())),
            "states": states,
        },
        "tally": {
            "valid": official.national.valid,
            "invalid": official.national.invalid,
            "forms_counted": official.national.forms,
            "valid_with_quarantine": quarantine.national.valid,
            "regions": {
                region.value: totals.valid
                for region, totals in sorted(
                    official.region.items(), key=lambda item: item[0].value
                )
            },
            "ballots": {
                str(number): totals.valid for number, totals in sorted(official.ballot.items())
            },
        },
        "seats": {
            "winners": winners,
            "ties": [
                {
                    "race": race,
                    "candidates": list(tie.candidates),
                    "names": [_candidate_name(names, key) for key in tie.candidates],
                    "seats": tie.seats,
                    "drawn": [
                        _candidate_name(names, w.candidate)
                        for w in election.outcome.winners
                        if w.race == race and w.by_lot
                    ],
                    "draw": None if race in unresolved else public_draw(election.seed).record,
                }
                for race, tie in election.ties
            ],
            "unfilled": dict(election.outcome.unfilled),
            "races": len({w["race"] for w in winners}),
            "rules": "House of Representatives 2014 (Law 10/2014): FPTP/SNTV per "
            "sub-constituency, a women's race per constituency",
        },
        "ballot_names": {str(n): b.race.name for n, b in sorted(ballots.items())},
        "timings": {stage: election.timings.get(stage, 0.0) for stage in STAGES},
    }


def _candidate_name(names: Mapping[tuple[int, int], Any], key: str) -> str:
    ballot, _, candidate_id = key.partition(":")
    candidate = names.get((int(ballot), int(candidate_id)))
    return key if candidate is None else f"{candidate.name_ar} ({key})"


def _demo_text(election: SyntheticElection, summary: Mapping[str, Any]) -> list[str]:
    country = election.country
    reg = summary["register"]
    forms = summary["forms"]
    tally_ = summary["tally"]
    lines = [
        f"electoral {__version__}: synthetic national election "
        f"({summary['size']}, seed {summary['seed']})",
        f"{country.election.name_en} / {country.election.name_ar}, polling "
        f"{country.election.polling_start.to_date_string()}",
        "",
        f"Country: {summary['country']['constituencies']} constituencies, "
        f"{summary['country']['subconstituencies']} sub-constituencies, "
        f"{summary['country']['offices']} offices in {summary['country']['regions']} regions, "
        f"{len(country.centers):,} centres ("
        + ", ".join(f"{n} {kind}" for kind, n in summary["country"]["centers"].items())
        + ")",
        f"Races: {summary['country']['ballots']} ballots, "
        f"{summary['country']['candidates']:,} candidates, "
        f"{summary['country']['seats']['general']} general + "
        f"{summary['country']['seats']['women']} women's seats",
        "",
        f"Register: {reg['records']:,} civil-registry records validated, "
        f"{reg['accepted']:,} accepted, {reg['records'] - reg['accepted']} refused",
    ]
    for code, count in reg["refused"].items():
        lines.append(f"  {count:>6} x {code}")
    lines.append(
        f"  eligibility on polling day: {reg['too_young']:,} under 18, "
        f"{reg['blocked']:,} blocked; {reg['on_roll']:,} voters on the rolls"
    )
    st = summary["stations"]
    lines.append(
        f"Stations: {st['total']:,} allocated ("
        + ", ".join(f"{n:,} {g}" for g, n in st["by_gender"].items())
        + f"), {st['out_of_country']} of them out of country; {st['registrants']:,} registrants"
        " (copy centres share their original's roll)"
    )
    lines.append("")
    lines.append(
        f"Result forms: {forms['printed']:,} printed, "
        + ", ".join(f"{n} {kind}" for kind, n in forms["injected"].items())
        + " injected"
    )
    lines.append(
        "  after the life cycle: "
        + ", ".join(f"{n:,} {state}" for state, n in forms["states"].items())
    )
    total_votes = tally_["valid"] + tally_["invalid"]
    lines.append(
        f"Tally: {tally_['forms_counted']:,} forms counted, {tally_['valid']:,} valid and "
        f"{tally_['invalid']:,} invalid votes ({_percent(tally_['invalid'], total_votes)} "
        f"invalid); with quarantined forms {tally_['valid_with_quarantine']:,} valid"
    )
    lines.append(
        "  by region: "
        + ", ".join(f"{region} {votes:,}" for region, votes in tally_["regions"].items())
    )
    seats = summary["seats"]
    lines.append("")
    lines.append(
        f"Winners: {len(seats['winners'])} elected in {seats['races']} races ({seats['rules']})"
    )
    by_race: dict[str, list[Mapping[str, Any]]] = {}
    for winner in seats["winners"]:
        by_race.setdefault(winner["race"], []).append(winner)
    shown = list(by_race.items())
    for race, group in shown[:8]:
        people = "; ".join(f"{w['name']} ({w['votes']:,})" for w in group)
        lines.append(f"  {race}: {people}")
    if len(shown) > 8:
        lines.append(f"  ... and {len(shown) - 8} more races (winners.csv)")
    for tie in seats["ties"]:
        lines.append(
            f"  TIE in {tie['race']}: {'; '.join(tie['names'])} for {tie['seats']} seat(s)"
        )
        if tie["draw"]:
            lines.append(f"    broken by lot ({tie['draw']}): {'; '.join(tie['drawn'])}")
        else:
            lines.append("    to be drawn by lot (Law 12/2014 Art. 3)")
    lines.append("")
    lines.append("Time per stage:")
    for stage, seconds in summary["timings"].items():
        lines.append(f"  {stage:<10} {seconds:7.2f} s")
    if summary["output"]:
        lines.append("")
        lines.append(f"Files written to {summary['output']}/")
    return lines


def _write_demo_files(
    election: SyntheticElection, output: pathlib.Path, summary: Mapping[str, Any]
) -> None:
    from electoral.formats.smartelect import write_centers as export_centers_csv
    from electoral.formats.smartelect import write_station_metadata as station_metadata_csv
    from electoral.formats.tallyho import (
        write_ballots,
        write_candidates,
        write_centers,
        write_result_forms,
        write_results_export,
        write_stations,
        write_subconstituencies,
        write_subconstituency_ballots,
    )
    from electoral.results import results_rows

    country = election.country
    setup = election.setup
    ballots = list(country.ballots)
    candidates, order = write_candidates(country.candidates, ballots=ballots)
    files = {
        "tally-setup/ballots.csv": write_ballots(ballots),
        "tally-setup/sub_constituencies.csv": write_subconstituencies(
            country.subconstituencies, country.constituencies, ballots
        ),
        "tally-setup/sub_constituency_ballots.csv": write_subconstituency_ballots(ballots),
        "tally-setup/centers.csv": write_centers(
            _results_system_centers(country),
            offices=country.offices,
            constituencies=country.constituencies,
        ),
        "tally-setup/stations.csv": write_stations(
            election.allocation.stations, centers=country.centers
        ),
        "tally-setup/candidates.csv": candidates,
        "tally-setup/ballot_order.csv": order,
        "tally-setup/result_forms.csv": write_result_forms(
            [f.form for f in election.forms], setup=setup
        ),
        "results.csv": write_results_export(results_rows(election.records.values(), setup)),
        "registration/centers.csv": export_centers_csv(
            [c for c in country.centers if c.center_type is not CenterType.SPECIAL],
            offices={o.id: o for o in country.offices},
            constituencies={c.id: c for c in country.constituencies},
            subconstituencies={s.id: s for s in country.subconstituencies},
        ),
        "registration/station_metadata.csv": station_metadata_csv(
            election.allocation.plans.values(),
            centers={c.center_id: c for c in country.centers},
            constituencies={c.id: c for c in country.constituencies},
            subconstituencies={s.id: s for s in country.subconstituencies},
            generated_at=country.election.polling_start,
        ),
        "winners.csv": _winners_csv(summary["seats"]["winners"]),
        "summary.json": json.dumps(summary, ensure_ascii=False, indent=2) + "\n",
    }
    for name, text in files.items():
        write_atomic(output / name, text)


def _results_system_centers(country: Country) -> list[Center]:
    """Centres as the results system knows them: it has no split centres.

    A split centre (sub-constituency 998) is written as a general centre of its
    first sub-constituency; its stations keep their own sub-constituency in the
    stations file, which is what the results system reads for each form.
    """
    import attrs

    out = []
    for center in country.centers:
        pair = country.split_subconstituencies.get(center.center_id)
        if pair is not None:
            center = attrs.evolve(
                center, center_type=CenterType.GENERAL, subconstituency_id=pair[0]
            )
        out.append(center)
    return out


def _winners_csv(winners: Iterable[Mapping[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ("race", "kind", "ballot", "candidate_id", "name", "votes", "seats", "by_lot")
    writer.writerow(columns)
    for winner in winners:
        writer.writerow([winner[c] for c in columns])
    return buffer.getvalue()


# --------------------------------------------------------------------------- validate


class _Anything:
    """A collection that contains every id: references are not checked without a list."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _load_centers(path: pathlib.Path) -> list[Center]:
    from electoral.formats.smartelect import read_centers as import_centers_csv

    text = _read_text(path, "centers")
    try:
        result = import_centers_csv(
            text,
            centers=[],
            office_ids=_Anything(),
            constituency_ids=_Anything(),
            subconstituency_ids=_Anything(),
        )
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    except ValidationError as error:
        raise DataError([error]) from None
    return sorted(result.centers.values(), key=lambda c: c.center_id)


def _registry_rows(path: pathlib.Path) -> tuple[list[list[str]], int]:
    from electoral.registration import REGISTRY_COLUMNS

    rows = _csv_rows(_read_text(path, "citizens"), path, "citizens")
    first_line = 1
    if rows and tuple(cell.strip() for cell in rows[0]) == REGISTRY_COLUMNS:
        rows = rows[1:]
        first_line = 2
    return rows, first_line


def _load_citizens(path: pathlib.Path, as_of: pendulum.DateTime) -> list[Any]:
    from electoral.registration import validate_registry_rows

    rows, first_line = _registry_rows(path)
    try:
        return validate_registry_rows(rows, as_of=as_of, first_line=first_line)
    except ValidationErrors as group:
        raise DataError(group.errors) from None


def _load_registrations(
    path: pathlib.Path, centers: set[int] | None = None
) -> list[tuple[str, int]]:
    rows = _csv_rows(_read_text(path, "registrations"), path, "registrations")
    if not rows:
        raise DataError(
            [
                MissingValue(
                    "cli.missing_columns", field="registrations", columns="national_id, center_id"
                )
            ]
        )
    header = [cell.strip() for cell in rows[0]]
    missing = [c for c in ("national_id", "center_id") if c not in header]
    if missing:
        raise DataError(
            [
                MissingValue(
                    "cli.missing_columns",
                    field="registrations",
                    columns=", ".join(missing),
                    location="line 1",
                )
            ]
        )
    nid_at, center_at = header.index("national_id"), header.index("center_id")
    collector = ErrorCollector("registrations")
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        with collector.at(f"line {line}"):
            if len(row) != len(header):
                raise InvalidFormat(
                    "cli.row_cells",
                    field="row",
                    value=len(row),
                    count=len(row),
                    expected=len(header),
                )
            errors = ErrorCollector("registration")
            nid = center = None
            with errors.at():
                nid = _national_id.validate(row[nid_at])
            with errors.at():
                center = _center_id.to_int(row[center_at])
            if center is not None and centers is not None and center not in centers:
                errors.add(
                    InconsistentValue("cli.unknown_center", field="center_id", value=center)
                )
            if nid is not None and nid in seen:
                errors.add(
                    InconsistentValue("cli.two_registrations", field="national_id", value=nid)
                )
            errors.raise_if_any()
            assert nid is not None
            assert center is not None
            seen.add(nid)
            out.append((nid, center))
    if collector:
        raise DataError(collector.errors)
    return out


def _read_setup(folder: pathlib.Path) -> Any:
    from electoral.formats.tallyho import (
        read_ballots,
        read_candidates,
        read_centers,
        read_stations,
        read_subconstituencies,
        read_subconstituency_ballots,
    )
    from electoral.results import TallySetup

    if not folder.is_dir():
        raise UsageError(MissingValue("cli.file_missing", field="setup", value=str(folder)))

    def source(name: str) -> io.StringIO:
        return io.StringIO(_read_text(folder / name, "setup"))

    try:
        ballots = read_ballots(source("ballots.csv"))
        constituencies, subs = read_subconstituencies(source("sub_constituencies.csv"))
        ballots = read_subconstituency_ballots(
            source("sub_constituency_ballots.csv"), ballots=ballots, subconstituencies=subs
        )
        centers, offices, _ = read_centers(
            source("centers.csv"), constituencies=constituencies, subconstituencies=subs
        )
        stations = read_stations(source("stations.csv"), centers=centers, subconstituencies=subs)
        candidates = read_candidates(
            source("candidates.csv"), source("ballot_order.csv"), ballots=ballots
        )
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    return TallySetup.build(
        centers=centers,
        stations=stations,
        ballots=ballots,
        candidates=candidates,
        offices=offices,
    )


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path = pathlib.Path(args.file)
    kind = args.kind
    count = 0
    try:
        if kind == "centers":
            count = len(_load_centers(path))
        elif kind == "citizens":
            count = len(_load_citizens(path, args.as_of or _now()))
        elif kind == "registrations":
            known = None
            if args.centers:
                known = {c.center_id for c in _load_centers(pathlib.Path(args.centers))}
            count = len(_load_registrations(path, known))
        else:
            if not args.setup:
                raise UsageError(MissingValue("cli.setup_required", field="setup"))
            from electoral.formats.tallyho import read_result_forms

            setup = _read_setup(pathlib.Path(args.setup))
            text = _read_text(path, "result_forms")
            try:
                count = len(read_result_forms(io.StringIO(text), setup=setup))
            except ValidationErrors as group:
                raise DataError(group.errors) from None
    except DataError as problems:
        if args.json:
            report = {
                "kind": kind,
                "file": str(path),
                "valid": False,
                "problems": [_problem_json(e) for e in problems.errors],
            }
            out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        else:
            for error in problems.errors:
                out.write(describe(error) + "\n")
            out.write(f"{path}: {len(problems.errors)} problem(s); nothing accepted.\n")
        return EXIT_DATA
    if args.json:
        out.write(
            json.dumps(
                {"kind": kind, "file": str(path), "valid": True, "records": count, "problems": []},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        out.write(f"{path}: {count} {kind} record(s), no problems.\n")
    return EXIT_OK


# --------------------------------------------------------------------------- stations


def _stations(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from electoral.formats.smartelect import (
        write_voters_by_national_id as voters_by_national_id_csv,
    )
    from electoral.formats.tallyho import write_stations
    from electoral.registration import allocate_stations, is_old_enough, sort_roll

    as_of = args.as_of or _now()
    centers = _load_centers(pathlib.Path(args.centers))
    by_id = {c.center_id: c for c in centers}
    citizens = _load_citizens(pathlib.Path(args.citizens), as_of)
    registrations = _load_registrations(pathlib.Path(args.registrations), set(by_id))
    people = {c.national_id: c for c in citizens}
    collector = ErrorCollector("registrations")
    groups: dict[int, list[Any]] = {}
    too_young = 0
    for line, (nid, registered_at) in enumerate(registrations, start=2):
        citizen = people.get(nid)
        if citizen is None:
            collector.add(
                InconsistentValue("cli.unknown_citizen", field="national_id", value=nid),
                f"line {line}",
            )
            continue
        if not is_old_enough(citizen.date_of_birth, as_of=as_of):
            too_young += 1
            continue
        groups.setdefault(registered_at, []).append(citizen)
    if collector:
        raise DataError(collector.errors)
    plans = []
    stations = []
    rolls: dict[int, list[Any]] = {}
    for center in sorted(centers, key=lambda c: (c.is_copy, c.center_id)):
        if center.is_copy:
            roll = rolls.get(center.original_id, [])
        else:
            roll = rolls[center.center_id] = sort_roll(groups.get(center.center_id, []))
        if not roll or not center.reg_open:
            continue
        plan = allocate_stations(roll, center_id=center.center_id)
        plans.append(plan)
        subcon = None if center.subconstituency_id >= 998 else center.subconstituency_id
        for allocated in plan.stations:
            station = allocated.to_station()
            stations.append(station if subcon is None else _with_subcon(station, subcon))
    stations.sort(key=lambda s: s.key)
    text = write_stations(stations, centers=centers)
    if args.output:
        write_atomic(pathlib.Path(args.output), text)
    if args.voters:
        write_atomic(pathlib.Path(args.voters), voters_by_national_id_csv(plans))
    summary = {
        "centers": len(plans),
        "voters": sum(len(roll) for roll in rolls.values()),
        "stations": len(stations),
        "registrants": sum(s.registrants or 0 for s in stations),
        "too_young": too_young,
        "by_gender": dict(sorted(Counter(s.gender.value for s in stations).items())),
    }
    if args.json:
        out.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    elif args.output:
        out.write(
            f"{summary['stations']} stations in {summary['centers']} centres, "
            f"{summary['registrants']} registrants ({too_young} under 18 left out); "
            f"written to {args.output}\n"
        )
    else:
        out.write(text)
    return EXIT_OK


def _with_subcon(station: Any, subcon: int) -> Any:
    import attrs

    return attrs.evolve(station, subconstituency_id=subcon)


# --------------------------------------------------------------------------- tally


def _tally(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from electoral.formats.tallyho import read_results_export
    from electoral.model import ReconciliationForm
    from electoral.results import (
        EntryVersion,
        FormRecord,
        ReconEntry,
        VoteEntry,
        tally,
    )

    setup = _read_setup(pathlib.Path(args.setup))
    path = pathlib.Path(args.results)
    text = _read_text(path, "results")
    try:
        rows = read_results_export(io.StringIO(text))
    except ValidationErrors as group:
        raise DataError(group.errors) from None
    forms: dict[str, list[Any]] = {}
    for row in rows:
        forms.setdefault(row.barcode, []).append(row)
    collector = ErrorCollector("results")
    records = []
    for barcode, rows_of_form in forms.items():
        first = rows_of_form[0]
        with collector.at(f"barcode {barcode}"):
            form = ResultForm(
                barcode=barcode,
                ballot_number=first.ballot,
                center_id=first.center,
                station_number=first.station,
                gender=first.gender,
                state=FormState.ARCHIVED,
                is_replacement=False,
            )
            votes = tuple(
                VoteEntry(
                    candidate=(row.ballot, row.candidate_id),
                    votes=row.votes,
                    version=EntryVersion.FINAL,
                )
                for row in rows_of_form
            )
            recons: tuple[ReconEntry, ...] = ()
            if first.invalid_ballots is not None:
                recon = ReconciliationForm(
                    number_of_voters=first.received_ballots_papers or 0,
                    number_of_voter_cards_in_the_ballot_box=first.voter_cards or 0,
                    number_valid_votes=first.valid_votes or 0,
                    number_invalid_votes=first.invalid_ballots,
                    number_sorted_and_counted=first.total_ballot_papers_in_box or 0,
                )
                recons = (ReconEntry(recon=recon, version=EntryVersion.FINAL),)
            records.append(FormRecord(form=form, results=votes, recons=recons))
    if collector:
        raise DataError(collector.errors)
    try:
        result = tally(records, setup)
    except ValidationError as error:
        raise DataError([error]) from None
    names = {c.key: c.name_ar for group in setup.candidates.values() for c in group}
    report: dict[str, Any] = {
        "forms": result.national.forms,
        "valid": result.national.valid,
        "invalid": result.national.invalid,
        "ballots": {
            str(number): {
                "valid": totals.valid,
                "invalid": totals.invalid,
                "forms": totals.forms,
                "ranking": [
                    {"candidate_id": key[1], "name": names.get(key, ""), "votes": votes}
                    for key, votes in totals.ranking()
                ],
            }
            for number, totals in sorted(result.ballot.items())
        },
    }
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    lines = [
        f"{report['forms']:,} forms: {report['valid']:,} valid and "
        f"{report['invalid']:,} invalid votes"
    ]
    for number, totals in report["ballots"].items():
        top = ", ".join(f"{c['name']} {c['votes']:,}" for c in totals["ranking"][: args.top])
        lines.append(f"  ballot {number}: {totals['valid']:,} valid; {top}")
    out.write("\n".join(lines) + "\n")
    return EXIT_OK


# --------------------------------------------------------------------------- seats


def _read_votes(path: pathlib.Path) -> dict[str, int]:
    text = _read_text(path, "votes")
    collector = ErrorCollector("votes")
    votes: dict[str, int] = {}
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(
                [InvalidFormat("cli.not_json", field="votes", value=str(path), reason=error.msg)]
            ) from None
        if not isinstance(data, dict):
            raise DataError(
                [
                    InvalidFormat(
                        "cli.not_json",
                        field="votes",
                        value=str(path),
                        reason="expected an object of votes",
                    )
                ]
            )
        for name, count in data.items():
            if type(count) is not int or count < 0:
                collector.add(InvalidFormat("cli.votes", field=name, value=count), f"$.{name}")
            else:
                votes[name] = count
    else:
        rows = _csv_rows(text, path, "votes")
        start = 1
        if rows and len(rows[0]) >= 2 and rows[0][1].strip().lower() == "votes":
            start = 2
            rows = rows[1:]
        for line, row in enumerate(rows, start=start):
            if not any(cell.strip() for cell in row):
                continue
            with collector.at(f"line {line}"):
                if len(row) != 2:
                    raise InvalidFormat("cli.votes", field="row", value=",".join(row))
                name, count = row[0].strip(), row[1].strip()
                if not (count.isascii() and count.isdigit()):
                    raise InvalidFormat("cli.votes", field=name or "votes", value=row[1])
                if name in votes:
                    raise InconsistentValue(
                        "cli.duplicate_candidate", field="candidate", value=name
                    )
                votes[name] = int(count)
    if collector:
        raise DataError(collector.errors)
    return votes


def _seats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from electoral.seats import METHODS, DrawingOfLots

    votes = _read_votes(pathlib.Path(args.votes))
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
    if args.json:
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for name, count in sorted(seats.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{name}: {count} seat(s), {votes.get(name, 0):,} votes\n")
    if report["tie"]:
        out.write(
            f"TIE: {', '.join(report['tie']['candidates'])} for {report['tie']['seats']} "
            "seat(s); pass --lots with the drawing's order to resolve it\n"
        )
    return EXIT_OK


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


# --------------------------------------------------------------------------- convert

_CONVERSIONS: Final = (
    ("centers", "smartelect", "json"),
    ("centers", "smartelect", "tallyho"),
    ("centers", "json", "smartelect"),
    ("centers", "json", "tallyho"),
    ("citizens", "cra", "json"),
    ("citizens", "json", "cra"),
    ("result-forms", "tallyho", "json"),
    ("result-forms", "json", "tallyho"),
)
_NOUNS: Final[Mapping[str, type[Any]]] = {
    "centers": Center,
    "citizens": Citizen,
    "result-forms": ResultForm,
}


def _convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from electoral.serialization import structure, unstructure

    key = (args.kind, args.source_format, args.target_format)
    if key not in _CONVERSIONS:
        supported = "; ".join(f"{k} {a}->{b}" for k, a, b in _CONVERSIONS)
        raise UsageError(
            InvalidFormat(
                "cli.convert_unsupported",
                field="format",
                value=f"{args.kind} {args.source_format}->{args.target_format}",
                supported=supported,
            )
        )
    source = pathlib.Path(args.input)
    target = pathlib.Path(args.output)
    noun = _NOUNS[args.kind]
    setup = None
    if args.kind == "result-forms":
        if not args.setup:
            raise UsageError(MissingValue("cli.setup_required", field="setup"))
        setup = _read_setup(pathlib.Path(args.setup))
    if args.source_format == "json":
        text = _read_text(source, "input")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(
                [InvalidFormat("cli.not_json", field="input", value=str(source), reason=error.msg)]
            ) from None
        if not isinstance(data, list):
            raise DataError(
                [
                    InvalidFormat(
                        "cli.not_json", field="input", value=str(source), reason="expected a list"
                    )
                ]
            )
        collector = ErrorCollector(args.kind)
        items: list[Any] = []
        for index, item in enumerate(data):
            with collector.at(f"$[{index}]"):
                items.append(structure(item, noun))
        if collector:
            raise DataError(collector.errors)
    elif args.kind == "centers":
        items = _load_centers(source)
    elif setup is not None:
        from electoral.formats.tallyho import read_result_forms

        try:
            items = list(read_result_forms(io.StringIO(_read_text(source, "input")), setup=setup))
        except ValidationErrors as group:
            raise DataError(group.errors) from None
    else:
        items = [record.to_citizen() for record in _load_citizens(source, args.as_of or _now())]
    if args.target_format == "json":
        text = json.dumps(unstructure(items), ensure_ascii=False, indent=2) + "\n"
    elif args.target_format == "smartelect":
        from electoral.formats.smartelect import write_centers as export_centers_csv

        text = export_centers_csv(items)
    elif setup is not None:
        from electoral.formats.tallyho import write_result_forms

        text = write_result_forms(items, setup=setup)
    elif args.target_format == "tallyho":
        from electoral.formats.tallyho import write_centers
        from electoral.model import Office

        offices = [
            Office(id=i, name_en=f"Office {i}", name_ar=f"مكتب {i}")
            for i in sorted({c.office_id for c in items})
        ]
        text = write_centers(items, offices=offices, constituencies=[])
    else:
        text = _cra_csv(items)
    write_atomic(target, text)
    if args.json:
        out.write(
            json.dumps({"kind": args.kind, "records": len(items), "output": str(target)}) + "\n"
        )
    else:
        out.write(f"{len(items)} {args.kind} written to {target}\n")
    return EXIT_OK


def _cra_csv(citizens: Iterable[Citizen]) -> str:
    from electoral.registration import REGISTRY_COLUMNS

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REGISTRY_COLUMNS)
    for c in citizens:
        born = c.birth_date
        writer.writerow(
            (
                c.civil_registry_id,
                c.first_name,
                c.father_name,
                c.grandfather_name,
                c.family_name,
                c.mother_name,
                1 if c.gender is Gender.MALE else 2,
                f"{born.day}/{born.month}/{born.year}",
                c.address,
                c.national_id,
                c.fbr_number,
                0,
                0,
                0,
            )
        )
    return buffer.getvalue()


# --------------------------------------------------------------------------- parser


def _parser() -> _Parser:
    from electoral.seats import METHODS
    from electoral.synthetic import PRESETS

    parser = _Parser(
        prog="electoral",
        description="Electoral domain rules of Libya's High National Elections Commission.",
        epilog="Exit codes: 0 ok, 1 problems in the data, 2 bad arguments.",
    )
    parser.add_argument("--version", action="version", version=f"electoral {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    def command(name: str, help_text: str) -> _Parser:
        sub: _Parser = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="print one JSON document")
        return sub

    demo = command("demo", "run a synthetic national election end to end")
    demo.add_argument(
        "--size",
        choices=sorted(PRESETS),
        default="national",
        help="preset size (default: national, about 2.8 million voters)",
    )
    demo.add_argument("--seed", type=int, default=2014, help="the seed (default 2014)")
    demo.add_argument(
        "--output",
        default="electoral-demo-output",
        help="folder for the output files (default ./electoral-demo-output)",
    )
    demo.add_argument("--no-files", action="store_true", help="write no files")
    demo.add_argument(
        "--problem-share",
        type=_fraction,
        default=Fraction(1, 50),
        help="share of result forms with an injected problem (default 1/50)",
    )
    demo.add_argument(
        "--register-problem-share",
        type=_fraction,
        default=Fraction(1, 100_000),
        help="share of spoiled civil-registry records (default 1/100000)",
    )
    demo.add_argument("--quiet", action="store_true", help="no progress indicator")

    validate = command("validate", "report every problem of a file, with line and code")
    validate.add_argument(
        "kind",
        choices=("centers", "citizens", "registrations", "result-forms"),
        help="what the file holds",
    )
    validate.add_argument("file", help="the file to check")
    validate.add_argument("--setup", help="tally setup folder (result forms)")
    validate.add_argument("--centers", help="centres CSV the registrations must refer to")
    validate.add_argument("--as-of", type=_date, help="the import day (citizens; default today)")

    stations = command("stations", "allocate polling stations from the rolls")
    stations.add_argument("--centers", required=True, help="centres CSV (registration system)")
    stations.add_argument("--citizens", required=True, help="civil-registry dump CSV")
    stations.add_argument(
        "--registrations", required=True, help="registrations CSV (national_id, center_id)"
    )
    stations.add_argument("--as-of", type=_date, help="polling day (eligibility; default today)")
    stations.add_argument("--output", help="write the stations CSV (results system format)")
    stations.add_argument("--voters", help="write national_id,center_id,station_number CSV")

    tally_cmd = command("tally", "totals of a results export, by ballot")
    tally_cmd.add_argument("results", help="the results export CSV (results.csv)")
    tally_cmd.add_argument("--setup", required=True, help="tally setup folder")
    tally_cmd.add_argument("--top", type=int, default=3, help="candidates shown per ballot")

    seats = command("seats", "seats from votes with a named method")
    seats.add_argument("votes", help="CSV (candidate,votes) or JSON object of votes")
    seats.add_argument(
        "--method", choices=sorted(METHODS), default="sntv", help="the seat method (default sntv)"
    )
    seats.add_argument("--seats", type=int, default=1, help="seats to fill (default 1)")
    seats.add_argument("--threshold", type=_fraction, help="list PR threshold (a fraction)")
    seats.add_argument("--lots", help="a drawing of lots: names in the order drawn, by commas")

    convert = command("convert", "convert between the systems' formats and JSON")
    convert.add_argument("kind", choices=("centers", "citizens", "result-forms"))
    convert.add_argument("input")
    convert.add_argument("output")
    convert.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=("smartelect", "tallyho", "cra", "json"),
    )
    convert.add_argument(
        "--to",
        dest="target_format",
        required=True,
        choices=("smartelect", "tallyho", "cra", "json"),
    )
    convert.add_argument("--as-of", type=_date, help="import day for citizens (default today)")
    convert.add_argument("--setup", help="tally setup folder (result forms)")
    return parser


_COMMANDS: Final[Mapping[str, Callable[[argparse.Namespace, TextIO, TextIO], int]]] = {
    "demo": _demo,
    "validate": _validate,
    "stations": _stations,
    "tally": _tally,
    "seats": _seats,
    "convert": _convert,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    out, err = sys.stdout, sys.stderr
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as done:  # --help and --version
            return int(done.code or 0) if not isinstance(done.code, str) else EXIT_USAGE
        if args.command == "seats" and args.seats < 1:
            raise UsageError(
                OutOfRange(field="seats", value=args.seats, min_value=1, max_value="∞")
            )
        return _COMMANDS[args.command](args, out, err)
    except UsageError as problem:
        err.write(describe(problem.error) + "\n")
        return EXIT_USAGE
    except DataError as problems:
        for error in problems.errors:
            err.write(describe(error) + "\n")
        err.write(f"{len(problems.errors)} problem(s); nothing was written.\n")
        return EXIT_DATA
    except ValidationErrors as group:
        for error in group.errors:
            err.write(describe(error) + "\n")
        return EXIT_DATA
    except ValidationError as error:
        err.write(describe(error) + "\n")
        return EXIT_DATA
    except ElectoralError as error:  # pragma: no cover - every refusal is a ValidationError
        err.write(f"error: {error}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
