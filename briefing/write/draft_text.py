"""The text of a drafted sentence before it is checked: finished, with spaced-out initials joined,
or refused because a quotation cut it off or its words run together."""

from __future__ import annotations

import re

from briefing.write.reply_format import finish_sentence


def mended(text: str, cited: list[str], shown: list[str]) -> tuple[str, str | None]:
    """The sentence finished, with its initials joined; and why it must be dropped, or None: it stops
    where a quotation begins, or its words run together. `cited` and `shown` are passage texts."""
    if _cut_at_quotation(text, cited):
        return text, "incomplete sentence: it stops where a quotation begins (use single quotation marks)"
    # Against every passage shown: the sentence may yet be re-attributed to one it did not cite.
    text = _join_initials(finish_sentence(text) or text, shown)
    glued = _run_together(text, shown)
    if glued:
        return text, f"words run together ({', '.join(glued)}): a quotation or a full stop went missing"
    return text, None


def _cut_at_quotation(text: str, sources: list[str]) -> bool:
    """True when the text is a source's words up to a double quotation mark, and stops there.

    A double quotation mark the model writes inside a JSON string ends the string, so a copied
    sentence that went on to quote someone arrives cut off just before the quotation.
    """
    stem = text.rstrip(" .")
    return bool(stem) and any(re.search(re.escape(stem) + r"\s*[\"“]", s) for s in sources)


_GLUED = re.compile(r"\b[a-z]{2,}[A-Z][a-z]+\b")


def _run_together(text: str, sources: list[str]) -> list[str]:
    """Words joined without a space that the sources never write so ("disinfectedWhat")."""
    return [w for w in _GLUED.findall(text) if not any(w in s for s in sources)]


_SPACED_INITIALS = re.compile(r"\b(?:[A-Z]\. )+[A-Z]\.")


def _join_initials(text: str, sources: list[str]) -> str:
    """Write "U. S." as "U.S." when the sources do: the model sometimes spaces out abbreviations."""

    def join(match: re.Match[str]) -> str:
        joined = match.group(0).replace(" ", "")
        return joined if any(joined in s for s in sources) else match.group(0)

    return _SPACED_INITIALS.sub(join, text)
