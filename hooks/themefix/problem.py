"""What a fix reports when it cannot apply: the fix's name and what it found instead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    fix: str
    message: str

    def located(self, location: str) -> str:
        """The message for the build log, location first."""
        return f"{location}: {self.fix}: {self.message}"
