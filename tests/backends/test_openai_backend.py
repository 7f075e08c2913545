"""The OpenAI-compatible backend: request shape and error paths on a fake server, then a real one.

The fake is `httpx.MockTransport`; the real one is llama-cpp-python's own server running the small
SmolLM2-135M GGUF in a subprocess, briefed through the whole pipeline and the CLI.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import REPO
from model_asserts import assert_checked_brief, write_easy_article

from briefing.backends.base import Completion, Message
from briefing.backends.fake import schema_labels
from briefing.backends.loader import open_backend, token_counter
from briefing.backends.openai_compat import OpenAICompatBackend, estimate_tokens
from briefing.config import Settings
from briefing.errors import GenerationError, ModelError
from briefing.pipeline import prepare, summarize
from briefing.progress import Progress
from briefing.write.reply_format import draft_schema, parse_draft

BASE = "http://inference.test:8001/v1"
KEY = "sk-test-secret-4242"
MESSAGES: list[Message] = [
    {"role": "system", "content": "You write news briefs as JSON."},
    {"role": "user", "content": "[P1] The bridge reopened on Monday.\nWrite a brief."},
]
SCHEMA = draft_schema(["P1", "P2"], 1, 3)
REPLY = {
    "headline": "Bridge reopens",
    "sentences": ["The bridge reopened on Monday. [P1]"],
}
Handler = Callable[[httpx.Request], httpx.Response]


def chat_reply(
    text: str = json.dumps(REPLY), finish: str | None = "stop", usage: bool = True
) -> httpx.Response:
    body: dict[str, Any] = {
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
    }
    if usage:
        body["usage"] = {"prompt_tokens": 31, "completion_tokens": 17, "total_tokens": 48}
    return httpx.Response(200, json=body)


def make(handler: Handler, **options: Any) -> tuple[OpenAICompatBackend, list[httpx.Request]]:
    """A backend on a fake server; the list collects every request the server saw."""
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    backend = OpenAICompatBackend(
        options.pop("base_url", BASE), transport=httpx.MockTransport(record), **options
    )
    backend.retry_delay = 0.0
    return backend, seen


def body(request: httpx.Request) -> Any:
    return json.loads(request.content)


# --- request shape -----------------------------------------------------------------------------


def test_llama_cpp_style_sends_schema_as_json_object_and_always_max_tokens() -> None:
    backend, seen = make(lambda r: chat_reply(), model="m", api_key=KEY, seed=7, temperature=0.0)
    completion = backend.complete(MESSAGES, max_tokens=123, json_schema=SCHEMA)
    sent = body(seen[-1])
    assert seen[-1].url == f"{BASE}/chat/completions"
    assert seen[-1].headers["authorization"] == f"Bearer {KEY}"
    assert sent["model"] == "m" and sent["max_tokens"] == 123 and sent["seed"] == 7
    assert sent["temperature"] == 0.0 and sent["messages"] == MESSAGES
    assert sent["response_format"] == {"type": "json_object", "schema": SCHEMA}
    assert completion == Completion(json.dumps(REPLY), 31, 17, "stop")


def test_openai_style_sends_strict_json_schema_with_closed_objects() -> None:
    backend, seen = make(lambda r: chat_reply(), model="m", schema_style="openai")
    backend.complete(MESSAGES, max_tokens=64, json_schema=SCHEMA)
    form = body(seen[-1])["response_format"]
    assert form["type"] == "json_schema"
    assert form["json_schema"]["name"] == "brief" and form["json_schema"]["strict"] is True
    schema = form["json_schema"]["schema"]
    assert schema["additionalProperties"] is False
    assert schema_labels(schema) == ["P1", "P2"]
    assert "additionalProperties" not in SCHEMA  # the caller's schema is left as it was


def test_no_schema_means_no_response_format_and_no_key_means_no_auth_header() -> None:
    backend, seen = make(lambda r: chat_reply(), model="m")
    backend.complete(MESSAGES, max_tokens=8)
    assert "response_format" not in body(seen[-1])
    assert "authorization" not in seen[-1].headers


@pytest.mark.parametrize(
    ("given", "expected"),
    [("stop", "stop"), (None, "stop"), ("eos", "stop"), ("length", "length"), ("max_tokens", "length")],
)
def test_finish_reasons_map_to_stop_or_length(given: str | None, expected: str) -> None:
    backend, _ = make(lambda r: chat_reply(finish=given), model="m")
    completion = backend.complete(MESSAGES, max_tokens=8)
    assert completion.finish_reason == expected
    assert completion.truncated is (expected == "length")


def test_missing_usage_falls_back_to_counting() -> None:
    backend, _ = make(lambda r: chat_reply(text="x" * 35, usage=False), model="m")
    completion = backend.complete(MESSAGES, max_tokens=8)
    assert completion.completion_tokens == 10  # no tokenizer endpoint here: 35 characters / 3.5
    assert completion.prompt_tokens > sum(estimate_tokens(m["content"]) for m in MESSAGES)


# --- errors ------------------------------------------------------------------------------------


def test_refused_connection_is_retried_once_then_a_model_error_naming_the_url() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    backend, seen = make(refuse, model="m", api_key=KEY)
    with pytest.raises(ModelError) as caught:
        backend.complete(MESSAGES, max_tokens=8)
    assert len(seen) == 2
    message = str(caught.value)
    assert BASE in message and "cannot connect" in message and KEY not in message
    assert "\n" not in message


def test_one_refusal_then_success_is_served() -> None:
    replies = iter([None, chat_reply()])

    def flaky(request: httpx.Request) -> httpx.Response:
        reply = next(replies)
        if reply is None:
            raise httpx.ConnectError("[Errno 111] Connection refused")
        return reply

    backend, seen = make(flaky, model="m")
    assert backend.complete(MESSAGES, max_tokens=8).text == json.dumps(REPLY)
    assert len(seen) == 2


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name == "briefing.backends.openai")


def test_read_timeout_is_not_retried_and_is_a_generation_error(caplog: pytest.LogCaptureFixture) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out")

    backend, seen = make(slow, model="m", timeout=5)
    with pytest.raises(GenerationError, match=r"timed out \(no reply within 5 s\)") as caught:
        backend.complete(MESSAGES, max_tokens=8)
    assert len(seen) == 1  # the server may still be working on it: asking again would double the work
    # The reason reaches clients (a skipped brief): the address goes to the log only.
    assert "inference.test" not in str(caught.value) and BASE in logged(caplog)


def test_server_error_names_the_status_and_logs_the_servers_message_never_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        detail = f"prompt too long\n  File /srv/app.py, line 3\n  (auth was Bearer {KEY})"
        return httpx.Response(500, json={"error": {"message": detail, "type": "internal_server_error"}})

    backend, _ = make(fail, model="m", api_key=KEY)
    with pytest.raises(GenerationError) as caught:
        backend.complete(MESSAGES, max_tokens=8)
    message = str(caught.value)
    assert message == "inference server: chat completion failed (HTTP 500)"
    log = logged(caplog)
    assert "prompt too long" in log and "/srv/app.py" in log and BASE in log
    assert KEY not in log


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (
            lambda r: httpx.Response(200, text="<html>oops at http://inference.test:8001/v1</html>"),
            "not JSON",
        ),
        (lambda r: httpx.Response(200, json={"choices": [], "where": BASE}), "choices[0]"),
        (lambda r: httpx.Response(503, text=f"overloaded, see {BASE}/status"), "HTTP 503"),
    ],
)
def test_failed_replies_name_the_kind_never_the_server_or_its_reply(reply: Handler, kind: str) -> None:
    backend, _ = make(reply, model="m")
    with pytest.raises(GenerationError) as caught:
        backend.complete(MESSAGES, max_tokens=8)
    message = str(caught.value)
    assert kind in message
    assert "inference.test" not in message and "oops" not in message and "overloaded" not in message


def test_a_dropped_connection_is_named_without_the_address() -> None:
    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError(f"peer closed connection ({BASE})")

    backend, _ = make(drop, model="m")
    with pytest.raises(GenerationError) as caught:
        backend.complete(MESSAGES, max_tokens=8)
    assert str(caught.value) == "inference server: chat completion failed (the server broke the connection)"


def test_non_json_reply_is_a_generation_error() -> None:
    backend, _ = make(lambda r: httpx.Response(200, text="<html>Bad gateway</html>"), model="m")
    with pytest.raises(GenerationError, match="not JSON"):
        backend.complete(MESSAGES, max_tokens=8)


def test_reply_without_choices_is_a_generation_error() -> None:
    backend, _ = make(lambda r: httpx.Response(200, json={"choices": []}), model="m")
    with pytest.raises(GenerationError, match=r"choices\[0\]"):
        backend.complete(MESSAGES, max_tokens=8)


def test_refused_credentials_are_a_model_error_that_names_the_setting() -> None:
    backend, _ = make(lambda r: httpx.Response(401, json={"error": {"message": "bad key"}}), api_key=KEY)
    with pytest.raises(ModelError, match="BRIEFING_OPENAI_API_KEY") as caught:
        backend.complete(MESSAGES, max_tokens=8)
    assert KEY not in str(caught.value)


def test_credentials_in_the_url_are_never_shown() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    backend, _ = make(refuse, base_url="http://user:hunter2@inference.test/v1", model="m")
    with pytest.raises(ModelError) as caught:
        backend.complete(MESSAGES, max_tokens=8)
    assert "hunter2" not in str(caught.value) and "hunter2" not in backend.name
    assert "inference.test/v1" in str(caught.value)


# --- connecting: model, context window, tokenizer ----------------------------------------------


def llama_cpp_python_server(request: httpx.Request) -> httpx.Response:
    """What llama-cpp-python's server answers: no /props, tokens counted at /extras/tokenize/count."""
    if request.url.path == "/v1/models":
        return httpx.Response(200, json={"object": "list", "data": [{"id": "models/small.gguf"}]})
    if request.url.path == "/extras/tokenize/count":
        return httpx.Response(200, json={"count": len(body(request)["input"].split())})
    if request.url.path == "/v1/chat/completions":
        return chat_reply()
    return httpx.Response(404, json={"detail": "Not Found"})


def test_connect_takes_the_first_listed_model_and_the_servers_tokenizer() -> None:
    backend, seen = make(llama_cpp_python_server)
    said: list[str] = []
    backend.connect(said.append)
    assert backend.model == "models/small.gguf"
    assert backend.name == f"models/small.gguf at {BASE}" and backend.sha256 is None
    assert backend.tokenizer == "llama-cpp-python"
    assert backend.count_tokens("one two three") == 3
    before = len(seen)
    assert backend.count_tokens("one two three") == 3 and len(seen) == before  # cached
    assert any("llama-cpp-python's tokenizer" in line for line in said)
    backend.complete(MESSAGES, max_tokens=8)
    assert body(seen[-1])["model"] == "models/small.gguf"


def test_connect_refuses_a_model_the_server_does_not_serve() -> None:
    backend, _ = make(llama_cpp_python_server, model="gpt-nonesuch")
    with pytest.raises(
        ModelError, match=r"does not serve model 'gpt-nonesuch' \(it serves: models/small.gguf\)"
    ):
        backend.connect()


def test_connect_to_the_wrong_path_is_a_model_error() -> None:
    backend, _ = make(lambda r: httpx.Response(404, text="not here"), base_url="http://inference.test:8001")
    with pytest.raises(ModelError, match=r"HTTP 404.*ends in /v1"):
        backend.connect()


def test_llama_cpp_server_tokenizer_and_context_window_from_props() -> None:
    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": [{"id": "qwen"}]})
        if request.url.path == "/props":
            return httpx.Response(200, json={"default_generation_settings": {"n_ctx": 1024}})
        if request.url.path == "/tokenize" and "content" in body(request):
            return httpx.Response(200, json={"tokens": list(range(len(body(request)["content"].split())))})
        return httpx.Response(404)

    backend, _ = make(server, n_ctx=4096)
    backend.connect()
    assert (backend.tokenizer, backend.n_ctx) == ("llama.cpp", 1024)
    assert backend.count_tokens("a b c d") == 4


def test_vllm_tokenizer_and_context_window_from_the_model_list() -> None:
    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": [{"id": "Qwen/Qwen2.5-7B", "max_model_len": 2048}]})
        if request.url.path == "/tokenize":
            sent = body(request)
            if "prompt" not in sent:
                return httpx.Response(400, json={"object": "error", "message": "prompt: field required"})
            assert sent["model"] == "Qwen/Qwen2.5-7B"
            return httpx.Response(200, json={"count": 2, "tokens": [1, 2], "max_model_len": 2048})
        return httpx.Response(404)

    backend, _ = make(server, n_ctx=4096)
    backend.connect()
    assert (backend.tokenizer, backend.n_ctx) == ("vLLM", 2048)


def test_without_a_tokenizer_endpoint_counts_are_a_conservative_estimate() -> None:
    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/models":
            return httpx.Response(200, json={"data": [{"id": "m"}]})
        return httpx.Response(404)

    backend, _ = make(server)
    backend.connect()
    assert backend.tokenizer == "estimate"
    text = "The council approved the budget on Tuesday."
    assert backend.count_tokens(text) == estimate_tokens(text) >= len(text) / 3.5
    assert backend.count_tokens("") == 0


def test_a_tokenizer_that_fails_later_switches_to_the_estimate_once() -> None:
    calls = {"tokenize": 0}

    def server(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/extras/tokenize/count":
            calls["tokenize"] += 1
            if calls["tokenize"] > 1:
                raise httpx.ReadTimeout("busy generating")
            return httpx.Response(200, json={"count": 1})
        return llama_cpp_python_server(request)

    backend, _ = make(server)
    said: list[str] = []
    backend.connect(said.append)
    assert backend.count_tokens("seven characters") == estimate_tokens("seven characters")
    assert backend.count_tokens("another text here") == estimate_tokens("another text here")
    assert calls["tokenize"] == 2 and backend.tokenizer == "estimate"
    assert sum("estimated from now on" in line for line in said) == 1


# --- settings and loader -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_settings_from_the_environment_and_the_key_stays_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_BACKEND", "openai")
    monkeypatch.setenv("BRIEFING_OPENAI_BASE_URL", "http://10.0.0.5:8001/v1")
    monkeypatch.setenv("BRIEFING_OPENAI_API_KEY", KEY)
    monkeypatch.setenv("BRIEFING_OPENAI_MODEL", "qwen")
    monkeypatch.setenv("BRIEFING_OPENAI_SCHEMA_STYLE", "openai")
    monkeypatch.setenv("BRIEFING_OPENAI_TIMEOUT", "90")
    settings = Settings()
    assert settings.backend == "openai" and settings.openai_schema_style == "openai"
    assert settings.openai_timeout == 90 and settings.openai_model == "qwen"
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == KEY
    assert KEY not in repr(settings) and KEY not in str(settings.model_dump())


def test_open_backend_with_no_server_listening_is_a_clean_model_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(OpenAICompatBackend, "retry_delay", 0.0)
    url = f"http://127.0.0.1:{free_port()}/v1"
    settings = Settings(backend="openai", openai_base_url=url, openai_api_key=KEY)  # type: ignore[arg-type]
    with pytest.raises(ModelError) as caught:
        open_backend(settings, Progress(None))
    assert url in str(caught.value) and KEY not in str(caught.value)
    assert caught.value.exit_code == 2
    # `briefing extract` goes on with estimated sizes rather than failing
    assert token_counter(settings, Progress(None))("x" * 7) == 2


# --- a real server -----------------------------------------------------------------------------


# llama_cpp.server as `python -m llama_cpp.server`, but with the model loaded the way briefing loads
# its own: without llama.cpp's CPU weight repacking, whose AMX kernels die with an illegal
# instruction on a CPU that lists AMX inside a VM that does not grant it.
_SERVER_WITHOUT_REPACK = """
from briefing.backends.llama_cpp import _model_params
from llama_cpp.server.__main__ import main
with _model_params(weight_repack=False):
    main()
"""


@pytest.fixture(scope="module")
def server_url(small_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server with the small model, on a free loopback port."""
    port = free_port()
    command = [
        sys.executable, "-c", _SERVER_WITHOUT_REPACK, "--model", str(small_model_path),
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2",
    ]  # fmt: skip
    # llama.cpp logs hundreds of kilobytes while loading: a pipe would fill and stall the server.
    log = tmp_path_factory.mktemp("server") / "llama_cpp_server.log"
    with log.open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while not _answers(f"{url}/models"):
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode}: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server did not answer /v1/models within 60 s: {log.read_text()[-2000:]}"
                )
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


class Recorder:
    """Passes calls through to a backend and keeps each schema and completion."""

    def __init__(self, backend: OpenAICompatBackend) -> None:
        self.backend = backend
        self.name, self.sha256, self.n_ctx = backend.name, backend.sha256, backend.n_ctx
        self.calls: list[tuple[dict[str, Any] | None, Completion]] = []

    def complete(
        self, messages: list[Message], *, max_tokens: int, json_schema: dict[str, Any] | None = None
    ) -> Completion:
        completion = self.backend.complete(messages, max_tokens=max_tokens, json_schema=json_schema)
        self.calls.append((json_schema, completion))
        return completion

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)


# A 256-token reply keeps the 2048-token window in one part and the test quick.
E2E_MAX_TOKENS = 256


@pytest.mark.model
def test_pipeline_through_a_real_server_gives_a_checked_brief(server_url: str, tmp_path: Path) -> None:
    # An input the 135M model can brief (see model_asserts.py); no judge: it would be the 135M model.
    settings = Settings(
        backend="openai", openai_base_url=server_url, n_ctx=2048, max_tokens_brief=E2E_MAX_TOKENS,
        entailment=False,
    )  # fmt: skip
    progress = Progress(None)
    backend = open_backend(settings, progress)
    assert isinstance(backend, OpenAICompatBackend) and backend.tokenizer == "llama-cpp-python"
    recorder = Recorder(backend)
    prepared = prepare([str(write_easy_article(tmp_path))], settings, recorder.count_tokens, progress)
    result = summarize(prepared, recorder, settings, progress, per_article_only=True)  # type: ignore[arg-type]

    assert result.provenance.model == backend.name and server_url in backend.name
    assert result.provenance.model_sha256 is None
    assert result.skipped == [] and len(result.article_briefs) == 1
    assert_checked_brief(result)
    assert recorder.calls
    for schema, completion in recorder.calls:
        assert schema is not None and completion.completion_tokens > 0
        if completion.truncated:  # a repaired reply may still be cut off; the brief came from the other
            assert completion.completion_tokens == E2E_MAX_TOKENS
            continue
        # The grammar built from the schema held: the reply is JSON citing only the offered labels.
        draft = parse_draft(completion.text)
        assert {c for s in draft.sentences for c in s.cites} <= set(schema_labels(schema))


@pytest.mark.model
def test_cli_with_the_openai_backend(server_url: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env["BRIEFING_CACHE"] = "false"  # the user's brief cache must not answer for the model
    env["BRIEFING_MAX_COPIED_WORDS"] = "0"  # copying models: see conftest.py
    env |= {
        "BRIEFING_BACKEND": "openai",
        "BRIEFING_OPENAI_BASE_URL": server_url,
        "BRIEFING_OPENAI_API_KEY": KEY,  # the server wants none; it must still never be printed
        "BRIEFING_N_CTX": "2048",
        "BRIEFING_MAX_TOKENS_BRIEF": str(E2E_MAX_TOKENS),
        "BRIEFING_ENTAILMENT": "false",  # the judge would be the 135M model
    }
    article = write_easy_article(tmp_path)  # an input the 135M model can brief (model_asserts.py)
    done = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "summarize", str(article), "--per-article-only",
         "--format", "json"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr  # 1 would mean the brief was skipped: the model wrote none
    assert "Traceback" not in done.stderr and KEY not in done.stderr + done.stdout
    assert f"connecting to the inference server at {server_url}" in done.stderr
    result = json.loads(done.stdout)
    assert server_url in result["provenance"]["model"] and result["provenance"]["model_sha256"] is None
    assert_checked_brief(done.stdout)
