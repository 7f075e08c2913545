"""The HTTP service: `create_app` builds it, `briefing serve` runs it."""

from briefing.api.app import create_app

__all__ = ["create_app"]
