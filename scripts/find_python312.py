"""Prints the folder of a working ``python3.12`` for ``sam build``, or explains.

``sam build`` with ``BuildMethod: python3.12`` needs that interpreter on PATH.
Looks on PATH first (a pyenv shim there may not work, so each candidate is run),
then in pyenv's versions. The Makefile prepends the folder to PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

CHECK = "import sys; sys.exit(sys.version_info[:2] != (3, 12))"


def _pyenv_root() -> Path:
    pyenv = shutil.which("pyenv")
    if pyenv:
        answer = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [pyenv, "root"], capture_output=True, text=True, check=False
        )
        if answer.returncode == 0 and answer.stdout.strip():
            return Path(answer.stdout.strip())
    return Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))


def candidates() -> Iterator[Path]:
    on_path = shutil.which("python3.12")
    if on_path:
        yield Path(on_path)
    versions = sorted((_pyenv_root() / "versions").glob("3.12*"), reverse=True)
    for version in versions:
        yield version / "bin" / "python3.12"


def works(python: Path) -> bool:
    try:
        # Fixed argv, no shell: the candidate interpreter checks its own version.
        answer = subprocess.run([python, "-c", CHECK], capture_output=True, check=False)  # noqa: S603
    except OSError:
        return False
    return answer.returncode == 0


def main() -> int:
    for python in candidates():
        if works(python):
            print(python.parent)
            return 0
    print(
        "sam build needs Python 3.12 (the Lambda runtime): install it, e.g. "
        "`pyenv install 3.12`, or put python3.12 on PATH.",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
