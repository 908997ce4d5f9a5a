"""`mkdocs build --strict` in this process: the one place that calls mkdocs itself.

Its own module so that the builder (`build`) and the parallel builder (`parallel`), which
both run it, need not import each other.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import SiteError
from .nav import NavItem


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(root: Path, docs_dir: Path, site_dir: Path, nav: list[NavItem]) -> None:
    """`mkdocs build --strict` in this process, with the docs folder and nav of this build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(
            str(root / "mkdocs.yml"),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            nav=nav,
            strict=True,
        )
        build(config)
    except (Abort, ConfigurationError) as exc:
        details = "\n".join(f"  {m}" for m in warnings.messages) or f"  {exc}"
        raise SiteError(
            f"mkdocs kunde inte bygga webbplatsen; varningar från mkdocs (på engelska):\n{details}"
        ) from exc
    finally:
        logger.removeHandler(warnings)
