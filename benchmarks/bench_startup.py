"""Command-line start-up, as a ratio to ``python -c "import numpy"`` measured in the same run.

Usage:  python benchmarks/bench_startup.py [--repeat 7]
Targets (issue 10 §6): ``accord --help`` within 1.5x, ``accord analyze tests/data/mini.yaml`` within 2x.
A third line, with no target, times importing only the libraries ``analyze`` cannot do without (numpy, PyYAML,
pydantic for the scenario schema and Typer's option parsing, Rich for the tables): the floor for that command.
Each command runs ``--repeat`` times, interleaved with the others so that load on the machine hits all alike;
the figure is the median wall-clock time of a fresh interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("accord")  # the console script, as users run it
ACCORD = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "accord.cli.main"]
BASELINE = ("python -c 'import numpy'", [sys.executable, "-c", "import numpy"])
COMMANDS = {
    "accord --help": (ACCORD + ["--help"], 1.5),
    "accord analyze tests/data/mini.yaml": (ACCORD + ["analyze", str(ROOT / "tests" / "data" / "mini.yaml")], 2.0),
}
FLOOR = ("libraries analyze needs (floor)",
         [sys.executable, "-c", "import numpy, yaml, pydantic.main, typer, rich.console, rich.table"])


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    commands = {BASELINE[0]: BASELINE[1], FLOOR[0]: FLOOR[1]} | {name: command for name, (command, _) in
                                                                 COMMANDS.items()}
    runs = {name: [] for name in commands}
    for command in commands.values():  # warm the file cache once
        seconds(command)
    for _ in range(args.repeat):
        for name, command in commands.items():
            runs[name].append(seconds(command))
    baseline = statistics.median(runs[BASELINE[0]])
    print(f"median of {args.repeat} runs each; {BASELINE[0]}: {baseline:.3f} s")
    print(f"{FLOOR[0]:40s} {statistics.median(runs[FLOOR[0]]):.3f} s  ratio "
          f"{statistics.median(runs[FLOOR[0]]) / baseline:.2f}")
    failed = False
    for name, (_, target) in COMMANDS.items():
        ratio = statistics.median(runs[name]) / baseline
        ok = ratio <= target
        failed |= not ok
        print(f"{name:40s} {statistics.median(runs[name]):.3f} s  ratio {ratio:.2f}  "
              f"(target <= {target}x: {'ok' if ok else 'MISSED'})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
