"""Run Python code in a child process whose address space is capped, so a test of "sizes are checked before the
memory is spent" fails (MemoryError, or a killed child) instead of exhausting the machine."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CAP_BYTES = 1536 * 1024 * 1024  # numpy, pydantic and the web stack import within this; the attacks need far more


def run_capped(code: str, cap: int = CAP_BYTES, timeout: float = 240) -> subprocess.CompletedProcess:
    """Run ``code`` under ``RLIMIT_AS = cap``; its output is captured as text."""
    prelude = ("import resource\n"
               f"resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n")
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout)
