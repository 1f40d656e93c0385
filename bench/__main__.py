"""Run every benchmark module of this package that has a main(), in name order.

`python -m bench` runs them all; `python -m bench reminders` only the named ones. Each starts
with the machine's speed at that moment (bench._machine): the host's speed varies.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

from bench import _machine


def benchmark_modules() -> list[str]:
    here = Path(__file__).resolve().parent
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(here)])
        if not info.name.startswith("_") and not info.ispkg
    )


def main(names: list[str]) -> None:
    known = benchmark_modules()
    if unknown := [name for name in names if name not in known]:
        sys.exit(f"usage: python -m bench [{' '.join(known)}]; unknown: {' '.join(unknown)}")
    for name in names or known:
        module = importlib.import_module(f"bench.{name}")
        if callable(getattr(module, "main", None)):
            print(f"\n### bench.{name}", flush=True)
            _machine.main()
            module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
