"""The one base of every error a user can act on.

An `FfuError`'s message is Swedish and says what is wrong and, where it can, what to do; the
CLI guard (`cli.guarded`) prints it after "ffu: " and exits with the usage code. Each stage
raises its own subclass, so a caller that can do better catches just that one, and nothing
needs translating into another class on the way up.
"""

from __future__ import annotations


class FfuError(Exception):
    """An error the user can fix; `str()` is the Swedish message."""


class SiteError(FfuError):
    """The site could not be built; the message says why."""
