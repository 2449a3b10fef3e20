"""Prompt files, loaded by name: `load("answer").render(context=..., question=...)`.

Each prompt sits beside an `<name>.example.md` showing the output we expect from it.
Rendering with a variable missing raises KeyError instead of leaving a blank.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Prompt:
    name: str
    template: str

    @property
    def variables(self) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(self.template) if f}

    def render(self, **values: str) -> str:
        missing = self.variables - set(values)
        if missing:
            raise KeyError(f"prompt {self.name!r} needs {sorted(missing)}")
        return self.template.format(**values)


def load(name: str) -> Prompt:
    path = DIR / f"{name}.md"
    if not path.exists():
        raise FileNotFoundError(f"no prompt named {name!r} in {DIR}")
    return Prompt(name, path.read_text())
