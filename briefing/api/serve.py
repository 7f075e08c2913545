"""`briefing serve`: the service under uvicorn, one process, one model, a graceful shutdown."""

from __future__ import annotations

import copy
import gc
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
from briefing.api.runtime import Runtime
from briefing.api.settings import ServiceSettings, load_settings
from briefing.backends.base import Backend
from briefing.config import Settings
from briefing.errors import BriefingError


class Server(uvicorn.Server):
    """uvicorn, telling the app to refuse new requests the moment a shutdown signal arrives."""

    def __init__(self, config: uvicorn.Config, runtime: Runtime) -> None:
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
    runtime: Runtime = app.state.runtime
    return Server(config, runtime)


def serve(
    host: str | None = None,
    port: int | None = None,
    *,
    config: Path | None = None,
    backend: Backend | None = None,
    pipeline: Settings | None = None,
) -> None:
    """Run the service until SIGTERM or SIGINT; flags override the environment and the config file."""
    service, settings = load_settings(config, host=host, port=port)
    app = create_app(service, backend, pipeline=pipeline or settings)
    server = build_server(app, service)
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
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file of service settings, with an optional [briefing] table of pipeline settings.",
)
def serve_command(host: str | None, port: int | None, config: Path | None) -> None:
    """Serve briefs over HTTP (see docs/api.md); the model loads in the background."""
    try:
        serve(host, port, config=config)
    except BriefingError as exc:
        click.echo(f"briefing: error: {exc}", err=True)
        sys.exit(exc.exit_code)
