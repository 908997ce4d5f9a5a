"""The error an editing command raises when it refuses, with a Swedish message for the writer."""

from __future__ import annotations


class EditError(Exception):
    """A refusal the writer can act on. Nothing has been written when it is raised."""
