from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from briefing.errors import PromptError
from briefing.prompts import PROMPTS_DIR, load_prompt

GOOD = """description = "x"
variables = ["name"]
system = "You are terse."
user = "Hello {{ name }}"
"""


def test_shipped_prompts_load_and_are_versioned_by_content() -> None:
    for name in ("article", "combine"):
        prompt = load_prompt(name)
        raw = (PROMPTS_DIR / f"{name}.toml").read_bytes()
        assert prompt.version == hashlib.sha256(raw).hexdigest()[:12]


def test_render_gives_system_then_user(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(GOOD)
    messages = load_prompt("p", tmp_path).render(name="Ada")
    assert messages == [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Hello Ada"},
    ]


def test_missing_variable_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(GOOD)
    with pytest.raises(PromptError, match=r"p\.toml: missing variables \['name'\]"):
        load_prompt("p", tmp_path).render()


def test_template_using_an_undeclared_variable_is_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "q.toml").write_text(GOOD.replace("{{ name }}", "{{ name }} {{ other }}"))
    with pytest.raises(PromptError, match=r"q\.toml: `variables` lists \['name'\] but the templates use"):
        load_prompt("q", tmp_path)


def test_missing_field_and_missing_file_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text('description = "x"\nvariables = []\nsystem = "s"\n')
    with pytest.raises(PromptError, match=r"r\.toml: user: Field required"):
        load_prompt("r", tmp_path)
    with pytest.raises(PromptError, match=r"nope\.toml: cannot read prompt file"):
        load_prompt("nope", tmp_path)


def test_worked_example_is_an_earlier_chat_turn(tmp_path: Path) -> None:
    (tmp_path / "e.toml").write_text(GOOD + 'example_user = "Hi Bob"\nexample_assistant = "{}"\n')
    messages = load_prompt("e", tmp_path).render(name="Ada")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == "Hi Bob" and messages[-1]["content"] == "Hello Ada"
