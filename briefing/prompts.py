"""Prompt templates: TOML files in `prompts/`, checked when loaded, versioned by content hash."""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from pydantic import BaseModel, ConfigDict, ValidationError

from briefing.backends.base import Message
from briefing.errors import PromptError


def _default_prompts_dir() -> Path:
    # In a checkout the templates are the top-level `prompts/`; an installed package carries a copy.
    checkout = Path(__file__).resolve().parent.parent / "prompts"
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / "prompts"


PROMPTS_DIR = _default_prompts_dir()
_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False)


class PromptFile(BaseModel):
    """The fields every prompt file must have."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    variables: list[str]
    system: str
    user: str
    # One worked example, shown as an earlier turn of the chat: small models copy a demonstrated
    # form far more reliably than they follow a described one.
    example_user: str | None = None
    example_assistant: str | None = None


class Prompt:
    """A loaded prompt: renders chat messages from named variables."""

    def __init__(self, name: str, path: Path, spec: PromptFile, version: str) -> None:
        self.name, self.path, self.spec, self.version = name, path, spec, version
        self._system = _ENV.from_string(spec.system.strip())
        self._user = _ENV.from_string(spec.user.strip())

    def render(self, **values: Any) -> list[Message]:
        """System and user messages for these values; every declared variable must be given."""
        missing = sorted(set(self.spec.variables) - set(values))
        unknown = sorted(set(values) - set(self.spec.variables))
        if missing or unknown:
            raise PromptError(f"{self.path}: missing variables {missing}, unexpected {unknown}")
        example: list[Message] = []
        if self.spec.example_user and self.spec.example_assistant:
            example = [
                {"role": "user", "content": self.spec.example_user.strip()},
                {"role": "assistant", "content": self.spec.example_assistant.strip()},
            ]
        return [
            {"role": "system", "content": self._system.render(**values)},
            *example,
            {"role": "user", "content": self._user.render(**values)},
        ]


@cache
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """Load and check `<directory>/<name>.toml`; errors name the file and what is wrong."""
    path = directory / f"{name}.toml"
    try:
        raw = path.read_bytes()
        spec = PromptFile.model_validate(tomllib.loads(raw.decode("utf-8")))
    except OSError as exc:
        raise PromptError(f"{path}: cannot read prompt file ({exc.strerror})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PromptError(f"{path}: not valid TOML ({exc})") from exc
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in exc.errors())
        raise PromptError(f"{path}: {fields}") from exc
    used: set[str] = set()
    for template in (spec.system, spec.user):
        try:
            used |= jinja2.meta.find_undeclared_variables(_ENV.parse(template))
        except jinja2.TemplateSyntaxError as exc:
            raise PromptError(f"{path}: template error on line {exc.lineno}: {exc.message}") from exc
    if used != set(spec.variables):
        raise PromptError(
            f"{path}: `variables` lists {sorted(spec.variables)} but the templates use {sorted(used)}"
        )
    return Prompt(name, path, spec, hashlib.sha256(raw).hexdigest()[:12])
