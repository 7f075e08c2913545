"""Schema-constrained sampling that checks the grammar on one token instead of the whole vocabulary.

llama-cpp-python puts the grammar sampler in front of the sampling chain, so at every step it
tests all ~151k vocabulary entries of the default model against the grammar: a third or more of
each generated token's cost on 2 cores (bench/results/grammar_sampler.md: 9.7 tok/s with the full
mask, 15.6 with this sampler). The model nearly always picks a token the grammar allows, so
this sampler does what llama.cpp's own server does (`common_sampler_sample`): sample with the
chain alone, test that one token against the grammar, and only when it is refused mask the whole
vocabulary with the grammar and sample again. The output still always matches the schema; under
greedy decoding it is token for token what the full mask gives (tests/test_grammar_sampler.py).

The hook is llama-cpp-python's `Llama._init_sampler`, called at the start of every generation:
a private method, so the tests run this path through the real library with the small model.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import numpy as np

_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)], align=True)


class GrammarFirstRejection:
    """A sampler object with the `sample(ctx, idx)` that `Llama.sample` calls."""

    def __init__(self, chain: Any, model: Any, grammar: Any, n_vocab: int) -> None:
        import llama_cpp

        self._native = llama_cpp
        self.chain = chain  # llama-cpp-python's LlamaSampler, built without the grammar
        self._grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not self._grammar:
            raise ValueError("llama.cpp could not build a sampler from the JSON-schema grammar")
        self.n_vocab = n_vocab
        self._one = (llama_cpp.llama_token_data * 1)()
        self._all = (llama_cpp.llama_token_data * n_vocab)()
        self._all_view = np.frombuffer(memoryview(self._all), dtype=_TOKEN_DATA)
        self.samples = 0
        self.full_masks = 0  # how often the chain's first choice was refused

    def sample(self, ctx: Any, idx: int = -1) -> int:
        native = self._native
        self.samples += 1
        # Chain alone (top-k, temperature, ...). It also records the token in the chain's history,
        # refused or not; only repetition penalties read that history, and our calls leave them off
        # (create_chat_completion's repeat_penalty is 1.0).
        token = int(native.llama_sampler_sample(self.chain.sampler, ctx.ctx, idx))
        if not self._allows(token):
            self.full_masks += 1
            token = self._sample_masked(ctx, idx)
            native.llama_sampler_accept(self.chain.sampler, token)
        native.llama_sampler_accept(self._grammar, token)
        return token

    def _allows(self, token: int) -> bool:
        one: Any = self._one[0]
        one.id, one.logit, one.p = token, 0.0, 0.0
        candidates = self._native.llama_token_data_array(data=self._one, size=1, selected=-1, sorted=False)
        self._native.llama_sampler_apply(self._grammar, ctypes.byref(candidates))
        return not math.isinf(self._one[0].logit)

    def _sample_masked(self, ctx: Any, idx: int) -> int:
        native = self._native
        logits = native.llama_get_logits_ith(ctx.ctx, idx)
        view = self._all_view
        view["id"] = np.arange(self.n_vocab, dtype=np.int32)  # again: the chain sorts in place
        view["logit"] = np.ctypeslib.as_array(logits, shape=(self.n_vocab,))
        view["p"] = 0.0
        candidates = native.llama_token_data_array(
            data=self._all, size=self.n_vocab, selected=-1, sorted=False
        )
        native.llama_sampler_apply(self._grammar, ctypes.byref(candidates))
        native.llama_sampler_apply(self.chain.sampler, ctypes.byref(candidates))
        return int(self._all[candidates.selected].id)

    def close(self) -> None:
        if self._grammar:
            self._native.llama_sampler_free(self._grammar)
            self._grammar = None
        self.chain.close()

    def __del__(self) -> None:
        self.close()


def use_grammar_first_rejection(llm: Any) -> None:
    """Make every grammar-constrained generation of this `Llama` use `GrammarFirstRejection`."""
    build_chain = llm._init_sampler

    def init_sampler(*args: Any, grammar: Any = None, **kwargs: Any) -> Any:
        chain = build_chain(*args, grammar=None, **kwargs)
        if grammar is None:
            return chain
        return GrammarFirstRejection(chain, llm._model, grammar, llm._n_vocab)

    llm._init_sampler = init_sampler
