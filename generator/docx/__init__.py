"""Word output: the FFU for each vårdval and year, and the OOXML primitives other Word renderers share."""

from __future__ import annotations

from .document import file_name, render_ffu
from .package import write_atomic

__all__ = ["file_name", "render_ffu", "write_atomic"]
