"""Settings, read once per process from BRIEFING_* environment variables (and CLI flags)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
TEST_MODEL = "smollm2-135m-instruct-q4_1"


def _default_models_dir() -> Path:
    # In a checkout, models live beside the package (`models/`, git-ignored); installed elsewhere,
    # in the user's data folder.
    checkout = Path(__file__).resolve().parent.parent / "models"
    if (checkout / "README.md").is_file():
        return checkout
    data_home = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data_home / "briefing" / "models"


def _default_cache_path() -> Path:
    cache_home = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache_home / "briefing" / "briefs.sqlite"


def _physical_cores() -> int:
    # llama.cpp is fastest with one thread per physical core; hyper-threads only add contention.
    return max(1, (os.cpu_count() or 2))


class Settings(BaseSettings):
    """Every knob of the pipeline; each can be set as BRIEFING_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore")

    backend: Literal["llama_cpp", "openai", "fake"] = Field(
        default="llama_cpp",
        description="llama_cpp runs the model in-process; openai asks an OpenAI-compatible inference "
        "server (llama.cpp, vLLM); fake answers extractively, for tests and dry runs.",
    )
    model: str = Field(
        default=DEFAULT_MODEL, description="Catalogue model name, or the path of any GGUF file."
    )
    models_dir: Path = Field(
        default_factory=_default_models_dir, description="Where pulled models are stored."
    )
    n_ctx: int = Field(default=4096, ge=512, description="Model context window in tokens.")
    n_threads: int = Field(default_factory=_physical_cores, ge=1, description="CPU threads for llama.cpp.")
    n_batch: int = Field(default=512, ge=8, description="Prompt tokens evaluated per batch.")
    n_gpu_layers: int = Field(default=0, description="Layers offloaded to a GPU (-1: all).")
    weight_repack: bool = Field(
        default=False,
        description="llama.cpp's CPU weight repacking: a second copy of the weights in memory "
        "(+600 MB for the default model), measured no faster here (bench/results/repack.md).",
    )
    grammar_first_rejection: bool = Field(
        default=True,
        description="Test the JSON-schema grammar on the sampled token and mask the whole vocabulary "
        "only when it is refused, as llama.cpp's server does (false: mask at every token, "
        "llama-cpp-python's way; constrained generation is about 1.5x slower).",
    )
    seed: int = Field(default=42, description="Sampling seed, for reproducible briefs.")
    temperature: float = Field(default=0.2, ge=0.0, le=2.0, description="Sampling temperature.")
    passage_tokens: int = Field(
        default=160, ge=16, description="Largest passage, in model tokens; longer paragraphs are split."
    )
    max_tokens_brief: int = Field(
        default=512, ge=32, description="Most tokens the model may write for one brief."
    )
    near_duplicate_threshold: float = Field(
        default=0.6,
        gt=0.0,
        le=1.0,
        description="Word 3-shingle Jaccard similarity from which a paragraph is a near copy "
        "(only if no figure or name differs).",
    )
    leave_out_commentary: bool = Field(
        default=True,
        description="Leave out of the prompts what gives the grounding checks nothing to hold a brief "
        "to: commentary with no name, figure, date, quotation or reported event, summary-list items "
        "one body sentence says in full, section headings (see focus.py); each is listed as removed "
        "(false: show the model every sentence).",
    )
    entailment: bool = Field(
        default=True,
        description="Ask the loaded model, as a yes/no judge read from its first-token probabilities, "
        "whether the cited passages support each sentence that passes the structure checks.",
    )
    entailment_threshold: float = Field(
        default=0.52,
        ge=0.0,
        le=1.0,
        description="Least P(Yes) the judge must give a sentence "
        "(calibrated in bench/results/faithfulness.md).",
    )
    openai_base_url: str = Field(
        default="http://127.0.0.1:8001/v1",
        description="Base URL of the OpenAI-compatible server, up to and including /v1 (backend openai).",
    )
    openai_api_key: SecretStr | None = Field(
        default=None, description="Bearer token for that server, if it wants one; never logged."
    )
    openai_model: str = Field(
        default="", description="Model name the server knows; empty: the first model it lists."
    )
    openai_schema_style: Literal["llama_cpp", "openai"] = Field(
        default="llama_cpp",
        description="How the JSON schema is sent: llama_cpp (json_object + schema: llama-cpp-python, "
        "llama.cpp) or openai (json_schema, strict: vLLM, OpenAI).",
    )
    openai_timeout: float = Field(
        default=600.0, gt=0, description="Seconds to wait for one reply from the server."
    )
    cache: bool = Field(
        default=True,
        description="Reuse per-article briefs already written for the same text, model, prompts and "
        "settings (a re-run then costs only the cross-article brief).",
    )
    cache_path: Path = Field(
        default_factory=_default_cache_path, description="SQLite file of cached per-article briefs."
    )
    min_sentences: int = Field(default=2, ge=1, description="Fewest sentences asked of the model per brief.")
    max_sentences: int = Field(default=5, ge=1, description="Most sentences asked of the model per brief.")
    max_copied_words: int = Field(
        default=12,
        ge=0,
        description="Longest run of a source's words a brief sentence may carry outside quotation marks; "
        "a longer one is sent back to the model to be said in its own words, then dropped (0: no limit).",
    )
    brief_share: float = Field(
        default=1 / 3,
        gt=0,
        le=1,
        description="An article brief says what the article adds in at most this share of its words.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, built once."""
    return Settings()
