"""One string that changes whenever a verdict could: the check code, the parser and the judge prompt.

It is recorded with every result and is part of the brief cache key, so a brief checked by an older
checker is checked again rather than served.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from briefing.prompts import load_prompt
from briefing.text.parser import PARSER_PACKAGE, PARSER_VERSION

_PACKAGE = Path(__file__).resolve().parent.parent
# Every module whose code decides whether a sentence passes: the checks and the text tools they use.
_CHECK_MODULES = ("check", "text")


@cache
def checker_version() -> str:
    """A short hash of the check modules' source, the parser's name and version and the judge prompt."""
    digest = hashlib.sha256(f"{PARSER_PACKAGE} {PARSER_VERSION}\n".encode())
    for name in _CHECK_MODULES:
        path = _PACKAGE / name
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(str(file.relative_to(_PACKAGE)).encode() + b"\0" + file.read_bytes())
    digest.update(load_prompt("entail").version.encode())
    return digest.hexdigest()[:16]
