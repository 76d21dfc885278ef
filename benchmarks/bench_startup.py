"""Command-line start-up, as a ratio to ``python -c "import numpy"`` measured in the same run.

Usage:  python benchmarks/bench_startup.py [--repeat 7] [--from-source]
Targets (issue 10 §6): ``accord --help`` within 1.5x, ``accord analyze tests/data/mini.yaml`` within 2x.
A third line, with no target, times importing only the libraries ``analyze`` cannot do without (numpy, PyYAML,
Click for the options, Rich for the tables; pydantic loads only for a file that breaks the schema): the floor
for that command.
Each command runs ``--repeat`` times, interleaved with the others so that load on the machine hits all alike;
the figure is the median wall-clock time of a fresh interpreter (the ratio of median CPU times is printed beside
it: on a shared, loaded machine it varies less). Every command runs from bytecode, as an installed package does:
the children get a private bytecode folder even where ``PYTHONDONTWRITEBYTECODE`` is set (without it, Accord's
own modules would be compiled from source on every run while numpy's come precompiled).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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
         [sys.executable, "-c", "import numpy, yaml, click, rich.console, rich.table"])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def seconds(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``command``."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--from-source", action="store_true",
                        help="keep this environment's PYTHONDONTWRITEBYTECODE (Accord compiled on every run)")
    args = parser.parse_args()
    commands = {BASELINE[0]: BASELINE[1], FLOOR[0]: FLOOR[1]} | {name: command for name, (command, _) in
                                                                 COMMANDS.items()}
    with tempfile.TemporaryDirectory(prefix="accord-bench-bytecode-") as bytecode:
        env = dict(os.environ)
        if not args.from_source:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = bytecode
        for command in commands.values():  # warm the file cache and write the bytecode once
            seconds(command, env)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                runs[name].append(seconds(command, env))
    wall = {name: statistics.median(run[0] for run in times) for name, times in runs.items()}
    cpu = {name: statistics.median(run[1] for run in times) for name, times in runs.items()}
    baseline = BASELINE[0]
    print(f"median of {args.repeat} runs each; {baseline}: {wall[baseline]:.3f} s (CPU {cpu[baseline]:.3f} s)")
    failed = False
    for name, target in [(FLOOR[0], None), *((name, target) for name, (_, target) in COMMANDS.items())]:
        ratio = wall[name] / wall[baseline]
        verdict = ""
        if target is not None:
            failed |= ratio > target
            verdict = f"  (target <= {target}x: {'ok' if ratio <= target else 'MISSED'})"
        print(f"{name:40s} {wall[name]:.3f} s  ratio {ratio:.2f}  CPU ratio {cpu[name] / cpu[baseline]:.2f}{verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
