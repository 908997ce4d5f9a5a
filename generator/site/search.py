"""The site's search index: Pagefind run over the built HTML.

Pagefind (the PyPI package `pagefind[bin]` ships its binary) reads the pages marked
`data-pagefind-body` (templates/site/overrides/main.html) and writes a chunked index to
`site/pagefind/`. The browser fetches only the chunks a query needs, on the first query,
instead of the whole index on the first page load (lunr's 9 MB at 2,000 requirements).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

FOLDER = "pagefind"
# Pagefind's own ready-made interfaces; the site answers the theme's search box itself
# (templates/site/assets/ffu-search.js), so these are left out of the published site.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


# What is on a page but not its content: heading permalinks ("#"), the year's status banner,
# the line saying where the page belongs, and links to neighbouring pages.
NOT_CONTENT = (
    ".headerlink, .ffu-banner, .ffu-context, .ffu-pager, .ffu-req__links, .ffu-breadcrumbs, .ffu-skane"
)


class SearchIndexError(Exception):
    """The index could not be built; the message is Swedish and says why."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:
        raise SearchIndexError(
            "sökindexet kan inte byggas: paketet pagefind-bin saknas; kör make setup"
        ) from exc
    return Path(get_executable())


def build_index(site_dir: Path) -> None:
    """Index the built pages in `site_dir` into `site_dir/pagefind/`, in Swedish."""
    command = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        FOLDER,
        "--force-language",
        "sv",
        "--exclude-selectors",
        NOT_CONTENT,
        "--keep-index-url",
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        details = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind kunde inte bygga sökindexet (på engelska): {details}")
    _sort_filters(site_dir / FOLDER)
    for name in UNUSED:
        (site_dir / FOLDER / name).unlink(missing_ok=True)
    shutil.rmtree(site_dir / FOLDER / "playground", ignore_errors=True)


# In the decompressed meta file, one filter is a CBOR pair [name, chunk], e.g. "rang1", "sv_2bdec44".
_FILTER_ENTRY = re.compile(rb"\x82\x65rang\d\x6asv_[0-9a-f]{7}")


def _sort_filters(bundle: Path) -> None:
    """Pagefind lists the filters in its meta file in hash-map order, which differs from run to
    run. Sorting that list (and renaming the file after its new content) keeps two builds of
    one commit byte-identical. The rest of Pagefind's output is already deterministic."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    language = entry["languages"]["sv"]
    meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
    data = gzip.decompress(meta_path.read_bytes())
    found = list(_FILTER_ENTRY.finditer(data))
    if not found:
        return
    start, end = found[0].start(), found[-1].end()
    if end - start != sum(len(m.group()) for m in found):
        raise SearchIndexError("Pagefinds metadatafil har en form som ffu inte känner igen")
    data = data[:start] + b"".join(sorted(m.group() for m in found)) + data[end:]
    language["hash"] = "sv_" + hashlib.sha256(data).hexdigest()[:10]
    meta_path.unlink()
    (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
