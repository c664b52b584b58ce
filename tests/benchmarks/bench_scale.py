"""Scale benchmark: ``kg build`` and ``kg validate`` on synthetic tables at N times the real
size, as whole processes, with wall time and peak resident memory (``/usr/bin/time -v``).

Run: ``python -m tests.benchmarks.bench_scale [SCALE ...] [--engine pyshacl|rudof]``
(default scales 1 and 10). The tables are :func:`~tests.benchmarks.synthetic.synthetic_tables`
written as CSV, so the whole pipeline runs, reading included. Growth is linear when the
time per row stays flat across scales.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.synthetic import write_synthetic_tables

__all__ = ["main", "measure"]


def measure(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of ``argv`` run under ``/usr/bin/time -v``."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *argv], capture_output=True, text=True, check=False
    )
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if wall is None or rss is None:
        raise RuntimeError(done.stderr[-2000:])
    hours, minutes, seconds = wall.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    return total, int(rss.group(1)) / 1024, done.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="*", type=int, default=[1, 10])
    parser.add_argument("--engine", choices=("pyshacl", "rudof"), default="pyshacl")
    args = parser.parse_args(argv)
    kg = str(Path(sys.executable).with_name("kg"))
    print(f"{'command':<22} {'scale':>5} {'rows':>7} {'wall s':>8} {'ms/row':>7} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            data = Path(tmp) / f"data-{scale}"
            rows = write_synthetic_tables(data, scale)
            out = Path(tmp) / f"out-{scale}"
            for name, command in (
                ("kg validate", [kg, "validate", "--data", str(data), "--engine", args.engine]),
                (
                    "kg build",
                    [kg, "build", "--data", str(data), "--out", str(out), "--engine", args.engine],
                ),
            ):
                wall, rss, code = measure(command)
                label = f"{name} ({args.engine})" + ("" if code == 0 else f" exit {code}")
                print(
                    f"{label:<22} {scale:>5} {rows:>7} {wall:>8.1f} "
                    f"{1000 * wall / rows:>7.2f} {rss:>8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
