"""`make bench`: every benchmark, one after the other, each printing its own figures.

    .venv/bin/python benchmarks/run.py            # pages (+ text, when present)
    .venv/bin/python benchmarks/run.py --requests 20

Arguments are passed to bench_pages. bench_text.py (statement extraction speed, owned by
the extraction work) runs as its own process when the file exists.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_pages  # noqa: E402


def main(argv: list[str]) -> int:
    status = 0
    text = HERE / "bench_text.py"
    if text.exists():
        print("== bench_text ==", flush=True)
        status |= subprocess.call([sys.executable, str(text)], cwd=HERE.parent)
    else:
        print("== bench_text: benchmarks/bench_text.py not present, skipped ==")
    print("== bench_pages ==", flush=True)
    status |= bench_pages.main(argv)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
