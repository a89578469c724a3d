"""Benchmark: what having ``electoral`` installed costs ``import hypothesis`` and pytest.

Run as ``python benchmarks/bench_testkit.py``. ``electoral`` registers a Hypothesis
entry point (run on every ``import hypothesis``) and a pytest plugin (loaded at the
start of every pytest run), in every environment where it is installed, so both must
cost nothing for a suite that does not use them. Two virtual environments are built
once under ``.venv-bench/`` with the same Hypothesis and pytest as this interpreter:
``with`` has ``electoral`` installed from this checkout (as a wheel, as users get it),
``without`` has the same packages but ``electoral`` (its dependencies attrs, cattrs
and pendulum included, so that only our entry points and modules differ). Then, in
alternating rounds in fresh interpreters (the order flipped every round, since the
machine is shared):

1. ``python -c "import hypothesis"``;
2. ``python -m pytest`` on a folder with one test that uses no fixture of ours.

It reports the median CPU time (user + system) of each side with min-max, and the
difference of the medians; target: at most 20 ms each. Then, as evidence, the
``-X importtime`` lines of every module of ours (and pendulum's) that
``import hypothesis`` and the pytest start load in the ``with`` environment.

Options: ``--rounds N`` (default 30), ``--rebuild`` (make the environments again).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".venv-bench"
TARGET_MS = 20.0
QUIET = ["--quiet", "--disable-pip-version-check"]


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def build(rebuild: bool) -> tuple[Path, Path]:
    """The ``with`` and ``without`` environments, built if missing."""
    pins = [
        f"{name}=={importlib.metadata.version(name)}"
        for name in ("hypothesis", "pytest", "attrs", "cattrs", "pendulum")
    ]
    stamp = " ".join(pins)
    with_venv, without_venv = BENCH / "with", BENCH / "without"
    for venv, extra in ((with_venv, [str(ROOT)]), (without_venv, [])):
        marker = venv / ".built"
        if not rebuild and marker.exists() and marker.read_text() == stamp:
            continue
        print(f"building {venv.relative_to(ROOT)} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(_python(venv)), "-m", "pip", "install", *QUIET, *pins, *extra], check=True
        )
        marker.write_text(stamp)
    return with_venv, without_venv


def _time(command: list[str], cwd: Path) -> float:
    """The CPU time (user + system, in ms) of one run of ``command`` in a fresh process.

    CPU time rather than wall time: on a shared machine a process waits for a core
    for as long as the others keep it, and that wait says nothing about the command.
    """
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    # As in a user's environment, Python and pytest keep their bytecode caches (pytest
    # rewrites the asserts of every plugin's modules once, then loads the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return (usage.ru_utime + usage.ru_stime) * 1000


def measure(
    name: str, with_command: list[str], without_command: list[str], cwd: Path, rounds: int
) -> float:
    """Interleaved rounds; print medians (min-max) and return the difference in ms."""
    for command in (with_command, without_command):  # warm the disk and bytecode caches
        _time(command, cwd)
    sides: dict[str, list[float]] = {"with": [], "without": []}
    for number in range(rounds):
        order = [("with", with_command), ("without", without_command)]
        if number % 2:
            order.reverse()
        for side, command in order:
            sides[side].append(_time(command, cwd))
    medians = {side: statistics.median(times) for side, times in sides.items()}
    for side, times in sides.items():
        print(
            f"  {name:<18} {side:<8} median {medians[side]:7.1f} ms CPU"
            f"  (min {min(times):6.1f}, max {max(times):6.1f}, {len(times)} runs)"
        )
    difference = medians["with"] - medians["without"]
    verdict = "ok" if difference <= TARGET_MS else "OVER TARGET"
    print(
        f"  {name:<18} cost of electoral: {difference:+.1f} ms"
        f" (target <= {TARGET_MS} ms) {verdict}"
    )
    return difference


def evidence(python: Path, arguments: list[str], cwd: Path, title: str) -> None:
    """The ``-X importtime`` lines of our modules (and pendulum's) for one command."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    # As in a user's environment, Python and pytest keep their bytecode caches (pytest
    # rewrites the asserts of every plugin's modules once, then loads the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    completed = subprocess.run(
        [str(python), "-X", "importtime", *arguments],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    lines = [
        line
        for line in completed.stderr.splitlines()
        if line.startswith("import time:")
        and line.rsplit("|", 1)[-1].strip().split(".")[0] in ("electoral", "pendulum")
    ]
    print(f"  -X importtime, {title}: {len(lines)} modules of electoral or pendulum")
    for line in lines:
        print(f"    {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args(argv)
    with_venv, without_venv = build(options.rebuild)
    with tempfile.TemporaryDirectory() as folder:
        suite = Path(folder)
        (suite / "test_plain.py").write_text("def test_plain():\n    assert 1 + 1 == 2\n")
        pytest_arguments = ["-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite)]
        print("electoral test kit: the cost of being installed (interleaved rounds)")
        costs = [
            measure(
                "import hypothesis",
                [str(_python(with_venv)), "-c", "import hypothesis"],
                [str(_python(without_venv)), "-c", "import hypothesis"],
                suite,
                options.rounds,
            ),
            measure(
                "pytest start",
                [str(_python(with_venv)), *pytest_arguments],
                [str(_python(without_venv)), *pytest_arguments],
                suite,
                options.rounds,
            ),
        ]
        evidence(_python(with_venv), ["-c", "import hypothesis"], suite, "import hypothesis")
        evidence(_python(with_venv), pytest_arguments, suite, "a pytest run")
    return 0 if all(cost <= TARGET_MS for cost in costs) else 1


if __name__ == "__main__":
    sys.exit(main())
