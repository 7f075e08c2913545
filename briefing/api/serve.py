"""`briefing serve`: the service under uvicorn, one process, one model, a graceful shutdown."""

from __future__ import annotations

import copy
import gc
import logging
import math
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import click
import uvicorn
from fastapi import FastAPI

from briefing.api.app import create_app
from briefing.api.service_config import ServiceSettings, config_option, load_settings
from briefing.api.service_state import ServiceState
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.config_file import ConfigError
from briefing.errors import BriefingError

log = logging.getLogger("briefing.api")


class Server(uvicorn.Server):
    """uvicorn, telling the app to refuse new requests the moment a shutdown signal arrives."""

    def __init__(self, config: uvicorn.Config, runtime: ServiceState) -> None:
        super().__init__(config)
        self.runtime = runtime

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """Start draining (new requests 503), then let uvicorn wait for those in flight."""
        self.runtime.start_draining()
        super().handle_exit(sig, frame)


def _log_config(level: str) -> dict[str, Any]:
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["briefing"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def build_server(app: FastAPI, service: ServiceSettings, *, configure_logging: bool = True) -> Server:
    """A uvicorn server for `app`, listening where `service` says, draining for `drain_s` on exit."""
    config = uvicorn.Config(
        app,
        host=service.host,
        port=service.port,
        workers=1,  # one model per process; scale with processes behind a balancer, not workers
        log_level=service.log_level,
        log_config=_log_config(service.log_level) if configure_logging else None,
        timeout_graceful_shutdown=math.ceil(service.drain_s),
        lifespan="on",
    )
    runtime: ServiceState = app.state.runtime
    return Server(config, runtime)


def refuse_open_bind(service: ServiceSettings) -> None:
    """Secure by default: no keys on a reachable address is an error unless `allow_open` says so.

    Anyone who can reach an open service can run the model and read every job, so the operator
    must either set keys, listen on loopback only, or say outright that something in front checks
    access (a gateway, a private network).
    """
    if not service.open_to_the_network() or service.allow_open:
        return
    raise ConfigError(
        f"refusing to listen on {service.host}:{service.port} without API keys: set "
        "BRIEFING_SERVICE_API_KEYS (e.g. $(openssl rand -hex 32)) or BRIEFING_SERVICE_API_KEYS_FILE, "
        "listen on 127.0.0.1, or pass --allow-open (BRIEFING_SERVICE_ALLOW_OPEN=true) if something "
        "in front of the service checks access"
    )


def _warn_if_open(service: ServiceSettings) -> None:
    if service.open_to_the_network():
        log.warning(
            "listening on %s:%s without API keys (allow_open is set): anyone who can reach it may use it",
            service.host, service.port,
        )  # fmt: skip


def serve(
    host: str | None = None,
    port: int | None = None,
    *,
    config: Path | None = None,
    backend: Backend | None = None,
    pipeline: Settings | None = None,
    allow_open: bool | None = None,
) -> None:
    """Run the service until SIGTERM or SIGINT; flags override the environment and the config file."""
    service, settings = load_settings(config, host=host, port=port, allow_open=allow_open)
    refuse_open_bind(service)
    app = create_app(service, backend, pipeline=pipeline or settings)
    server = build_server(app, service)  # configures logging, so the warning below is seen
    _warn_if_open(service)
    # Everything imported so far lives as long as the process: keeping it out of the collector's
    # generations makes full collections short, and a full collection stalls the event loop.
    gc.collect()
    gc.freeze()
    if threading.current_thread() is threading.main_thread():
        # uvicorn re-raises the signal that stopped it once it has drained; by then a clean shutdown
        # is done, so the process should exit 0 rather than die of that signal.
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: None)
    server.run()
    if not server.started:
        raise BriefingError(f"the service could not start on {service.host}:{service.port}")


@click.command("serve")
@click.option("--host", help="Address to listen on (default: BRIEFING_SERVICE_HOST or 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default: BRIEFING_SERVICE_PORT or 8000).")
@config_option
@click.option(
    "--allow-open",
    is_flag=True,
    default=None,
    help="Listen on a non-loopback address without API keys (default: BRIEFING_SERVICE_ALLOW_OPEN, off).",
)
def serve_command(host: str | None, port: int | None, config: Path | None, allow_open: bool | None) -> None:
    """Serve briefs over HTTP (see docs/api.md); the model loads in the background."""
    try:
        serve(host, port, config=config, allow_open=allow_open)
    except BriefingError as exc:
        click.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
