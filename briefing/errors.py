"""Errors meant for users: one base class, turned into a one-line message at the edges."""

from __future__ import annotations


class BriefingError(Exception):
    """An error whose message is written for the person running briefing."""

    exit_code = 1


class InputError(BriefingError):
    """One input (file, record, URL) could not be read or parsed; the rest of the batch goes on."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class ModelError(BriefingError):
    """The model file is missing, corrupt or cannot be loaded."""

    exit_code = 2


class ModelPullError(BriefingError):
    """Downloading or verifying a catalogue model failed."""

    exit_code = 2


class GenerationError(BriefingError):
    """The model did not produce a usable brief (cut off, invalid, or no valid sentence)."""


class PromptError(BriefingError):
    """A prompt template is missing, malformed or asks for a variable nobody supplies."""

    exit_code = 2


class Cancelled(BriefingError):
    """The caller withdrew the work (a job cancelled, a client gone) before it finished."""
