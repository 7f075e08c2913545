"""The one-token grammar check, through real llama-cpp-python and the small SmolLM2 model.

It replaces a private hook of llama-cpp-python, so these tests run the real library: the reply
must always match the schema, and under greedy decoding it must be exactly what the library's own
full-vocabulary mask gives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import llama_cpp
import pytest

from briefing.backends.grammar_sampler import GrammarFirstRejection, use_grammar_first_rejection
from briefing.backends.llama_cpp import _model_params
from briefing.write.reply_format import draft_schema, parse_draft

pytestmark = pytest.mark.model

LABELS = ["P1", "P2", "P3"]
SCHEMA = draft_schema(LABELS, 1, 3)
PROMPTS = [
    "[P1] The bridge reopened on Monday.\n[P2] Repairs cost 3 million euros.\n[P3] Traffic is back.",
    "[P1] Marrowick's desalination plant opened.\n[P2] It cost 41 million.\n"
    '[P3] Mayor Ilse Varga said "at last".',
]


def _llm(path: Path, *, first_rejection: bool) -> Any:
    # Loaded as the product loads it, without llama.cpp's weight repacking: on a CPU that lists AMX
    # in a VM that does not grant it, the repacked kernels die with an illegal instruction.
    with _model_params(weight_repack=False):
        llm = llama_cpp.Llama(
            model_path=str(path), n_ctx=1024, n_threads=2, n_batch=256, seed=7, verbose=False
        )
    if first_rejection:
        use_grammar_first_rejection(llm)
    return llm


def _reply(llm: Any, prompt: str, *, temperature: float, seed: int = 7) -> tuple[str, Any]:
    out = llm.create_chat_completion(
        messages=[
            {"role": "system", "content": "You write news briefs as JSON: a headline, cited sentences."},
            {"role": "user", "content": prompt + "\nWrite a brief."},
        ],
        max_tokens=160,
        temperature=temperature,
        seed=seed,
        response_format={"type": "json_object", "schema": SCHEMA},
    )
    return out["choices"][0]["message"]["content"], out["choices"][0]["finish_reason"]


@pytest.fixture(scope="module")
def stock(small_model_path: Path) -> Any:
    return _llm(small_model_path, first_rejection=False)


@pytest.fixture(scope="module")
def fast(small_model_path: Path) -> Any:
    return _llm(small_model_path, first_rejection=True)


@pytest.mark.parametrize("prompt", PROMPTS)
def test_greedy_output_is_token_for_token_the_full_mask_output(stock: Any, fast: Any, prompt: str) -> None:
    expected, _ = _reply(stock, prompt, temperature=0.0)
    got, _ = _reply(fast, prompt, temperature=0.0)
    assert isinstance(fast._sampler, GrammarFirstRejection)  # the hook really ran
    assert fast._sampler.samples > 10
    assert got == expected


def test_the_grammar_still_holds_when_the_model_wants_something_else(fast: Any) -> None:
    full_masks = 0
    for seed in range(4):
        text, finish = _reply(fast, PROMPTS[seed % 2], temperature=1.5, seed=seed)
        sampler = fast._sampler
        assert isinstance(sampler, GrammarFirstRejection)
        full_masks += sampler.full_masks
        if finish == "length":  # cut by max_tokens: only the prefix is guaranteed, and it is flagged
            continue
        jsonschema.validate(json.loads(text), SCHEMA)
        assert {c for s in parse_draft(text).sentences for c in s.cites} <= set(LABELS)
    # At this temperature the 135M model proposes refused tokens: the fallback path was exercised.
    assert full_masks > 0


def test_unconstrained_generation_keeps_the_library_sampler(fast: Any) -> None:
    fast.create_completion("The bridge", max_tokens=4, temperature=0.0)
    assert not isinstance(fast._sampler, GrammarFirstRejection)
