"""Retrieve, answer, converse: the assistant's library API.

    from assistant import answer
    answer("what grade did partnership working get?").text
    -> "Partnership working was judged Good (Grade 2) [51]."

`answer()` uses settings from the environment (data dir, Chroma URL, mode);
build an `Assistant` yourself (assistant.config.build_assistant) to pass them explicitly.
"""
from __future__ import annotations

import index  # noqa: F401  - makes the process offline before any model code loads

_default = None


def answer(question, history=(), report=None):
    global _default
    if _default is None:
        from assistant.config import Settings, build_assistant

        _default = build_assistant(Settings.from_env())
    return _default.answer(question, history=history, report=report)
