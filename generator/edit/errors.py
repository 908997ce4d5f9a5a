"""The errors an editing command stops with, each with a Swedish message for the writer."""

from __future__ import annotations

from ..errors import FfuError


class EditError(FfuError):
    """A refusal the writer can act on. Nothing has been written when it is raised."""


class PartlyWritten(FfuError):
    """A write that failed and could not be undone in full; the message names the files left changed."""
