"""Errors a user can cause with corpus input: each names the file and, where known, the line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CorpusProblem:
    """A problem with one corpus file; the rest of the corpus still builds."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class CorpusError(ValueError):
    """A fatal problem with one corpus file (bad encoding, bad sidecar, unknown layout...)."""

    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        self.problem = CorpusProblem(Path(path), line, message)
        super().__init__(str(self.problem))

    @property
    def path(self) -> Path:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line

    @property
    def message(self) -> str:
        return self.problem.message
