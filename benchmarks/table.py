"""Print the performance table from the rows the benchmarks recorded.

Run as ``python benchmarks/table.py`` after the benchmarks (``make bench`` runs every
``bench_*.py``, then this). Each benchmark writes its rows to
``benchmarks/.results/<name>.json`` (``_interleave.record``); this prints them in the
issue's order as a Markdown table, with when and under what load each was measured.
A benchmark that has not recorded a row yet is not in the table.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from _interleave import RESULTS, verdict


def main() -> int:
    """Print the table (an empty one, with a note, when nothing was recorded)."""
    files = sorted(RESULTS.glob("*.json")) if RESULTS.is_dir() else []
    rows: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for path in files:
        payload = json.loads(path.read_text(encoding="utf-8"))
        rows.extend((row, payload) for row in payload["rows"])
    rows.sort(key=lambda item: int(item[0]["order"]))
    print("| measure | now | target | verdict | measured (load) |")
    print("|---|---|---|---|---|")
    for row, payload in rows:
        load = payload.get("load")
        when = f"{payload['when']} ({load:.1f})" if load is not None else payload["when"]
        print(
            f"| {row['measure']} | {row['now']} | {row['target']} | {verdict(row['met'])} "
            f"| {when} |"
        )
    if not rows:
        print(f"(no rows recorded in {RESULTS}: run the benchmarks first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
