"""Model backends: one small protocol, several implementations."""

from briefing.backends.base import Backend, Completion, Message

__all__ = ["Backend", "Completion", "Message"]
