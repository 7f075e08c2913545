"""Turn settings into a ready backend: resolve and check the model file, then load it once."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from briefing.backends.base import Backend
from briefing.backends.catalogue import CATALOGUE, ResolvedModel, resolve
from briefing.backends.fake import FakeBackend
from briefing.backends.llama_cpp import LlamaCppBackend, VocabTokenizer, probe
from briefing.backends.openai_compat import estimate_tokens, open_openai
from briefing.config import Settings
from briefing.errors import ModelError
from briefing.progress import Progress


def open_backend(settings: Settings, progress: Progress) -> Backend:
    """Load the configured model in this process; a bad file is a one-line ModelError."""
    if settings.backend == "fake":
        progress.say("using the fake extractive backend: no model is loaded")
        return FakeBackend(name="fake-extractive", n_ctx=settings.n_ctx)
    if settings.backend == "openai":
        # The model runs in another process (often another machine); nothing is loaded here.
        return open_openai(settings, progress)
    _require_llama()
    model = resolve(settings.model, settings.models_dir)
    if model.name not in CATALOGUE:
        # Known files were checked byte for byte; an unknown one might abort llama.cpp outright.
        progress.say(f"checking {model.path} in a child process")
        probe(model.path)
    progress.say(f"loading model {model.name} ({model.path})")
    with progress.stage("model load"):
        return load_llama(model, settings)


def _require_llama() -> None:
    """The llama_cpp backend needs the optional llama-cpp-python: say how to install it, not ImportError."""
    if importlib.util.find_spec("llama_cpp") is None:
        raise ModelError(
            'the llama_cpp backend needs llama-cpp-python: pip install "briefing[llama]" '
            "(or BRIEFING_BACKEND=openai or fake)"
        )


def load_llama(model: ResolvedModel, settings: Settings) -> LlamaCppBackend:
    """A checked model file loaded in this process with the settings' context, threads and sampling."""
    return LlamaCppBackend(
        model.path,
        name=model.name,
        sha256=model.sha256,
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads,
        n_batch=settings.n_batch,
        n_gpu_layers=settings.n_gpu_layers,
        seed=settings.seed,
        temperature=settings.temperature,
        weight_repack=settings.weight_repack,
        grammar_first_rejection=settings.grammar_first_rejection,
    )


def token_counter(settings: Settings, progress: Progress) -> Callable[[str], int]:
    """The model's own token count if the model (or its server) is at hand, else a conservative estimate."""
    if settings.backend == "fake":
        return FakeBackend().count_tokens
    try:
        if settings.backend == "openai":
            return open_openai(settings, progress).count_tokens
        _require_llama()
        model = resolve(settings.model, settings.models_dir)
        return VocabTokenizer(model.path).count_tokens
    except ModelError as exc:
        progress.say(f"{exc}; passage sizes are estimated (about 3.5 characters a token)")
        return estimate_tokens
