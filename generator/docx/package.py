"""Reading and writing .docx packages so that the same parts always give the same bytes.

A .docx is a zip of XML parts. zipfile stamps each entry with the current time and the
host's system, so two renders of the same input would differ; here every entry gets a
fixed time (1980-01-01, the earliest a zip can hold), fixed attributes and a fixed order.
"""

from __future__ import annotations

import io
import os
import secrets
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ..outputs import check_replaceable
from .ooxml import R_NS, etree, serialize

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

# Content types of the parts this project writes, by part name.
PART_TYPES = {
    "word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
    "word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "word/fontTable.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


def read_package(path: Path) -> dict[str, bytes]:
    """Every part of a package by name."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _order(name: str) -> tuple[int, str]:
    # Content types first and package relationships second, as Office itself writes them;
    # some readers sniff the first entry.
    if name == CONTENT_TYPES:
        return 0, name
    if name == "_rels/.rels":
        return 1, name
    return 2, name


def package_bytes(parts: Mapping[str, bytes]) -> bytes:
    """The zip of `parts`, byte-identical for identical parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(parts, key=_order):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()


def content_types(parts: Mapping[str, bytes]) -> bytes:
    """[Content_Types].xml for `parts`: defaults for rels and xml, an override per known part."""
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for extension, kind in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
        ("png", "image/png"),
    ):
        etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=extension, ContentType=kind)
    # An embedded workbook (a chart's data) is known by its extension, only where there is one.
    if any(name.endswith(".xlsx") for name in parts):
        etree.SubElement(root, f"{{{CT_NS}}}Default", Extension="xlsx", ContentType=XLSX_TYPE)
    for name in sorted(parts):
        part_type = PART_TYPES.get(name)
        if part_type is None and name.startswith("word/charts/"):
            part_type = CHART_TYPE
        if part_type is None and name.startswith("word/header"):
            part_type = HEADER_TYPE
        elif part_type is None and name.startswith("word/footer"):
            part_type = FOOTER_TYPE
        if part_type:
            etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=f"/{name}", ContentType=part_type)
    return serialize(root)


class Relationships:
    """A part's relationships, with ids handed out in order so that output is reproducible."""

    def __init__(self) -> None:
        self._items: list[tuple[str, str, str, bool]] = []
        self._external: dict[str, str] = {}

    def add(self, kind: str, target: str, *, external: bool = False) -> str:
        """Add a relationship and return its id.

        `kind` is an office relationship's last segment ('styles', 'header') or a full type URI.
        """
        rel_id = f"rId{len(self._items) + 1}"
        uri = kind if "://" in kind else f"{R_NS}/{kind}"
        self._items.append((rel_id, uri, target, external))
        return rel_id

    def hyperlink(self, url: str) -> str:
        """The id of an external hyperlink to `url`; one relationship per distinct URL."""
        rel_id = self._external.get(url)
        if rel_id is None:
            rel_id = self._external[url] = self.add("hyperlink", url, external=True)
        return rel_id

    def to_xml(self) -> bytes:
        root = etree.Element(f"{{{PKG_RELS_NS}}}Relationships", nsmap={None: PKG_RELS_NS})
        for rel_id, kind, target, external in self._items:
            node = etree.SubElement(
                root, f"{{{PKG_RELS_NS}}}Relationship", Id=rel_id, Type=kind, Target=target
            )
            if external:
                node.set("TargetMode", "External")
        return serialize(root)


# The parts a main document always relates to, in this order, which fixes their ids.
DOCUMENT_PARTS = (
    ("styles", "styles.xml"),
    ("settings", "settings.xml"),
    ("numbering", "numbering.xml"),
    ("fontTable", "fontTable.xml"),
)


def add_document_parts(rels: Relationships) -> None:
    """Relate the main document to its styles, settings, numbering and font table."""
    for kind, target in DOCUMENT_PARTS:
        rels.add(kind, target)


def package_relationships() -> bytes:
    """_rels/.rels: the main document and the two property parts."""
    rels = Relationships()
    rels.add("officeDocument", "word/document.xml")
    rels.add(
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
    )
    rels.add("extended-properties", "docProps/app.xml")
    return rels.to_xml()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader never sees a half-written file.

    The temporary file sits in the same folder, so the final rename never crosses file systems.
    The folder must exist, and what is at `path` must be a plain file: replacing a device, a
    pipe or a link would destroy what it is.
    """
    check_replaceable(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide the mode, as for any new file (mkstemp gives 0600).
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def core_properties(
    *,
    title: str,
    subject: str,
    creator: str,
    keywords: str,
    language: str,
    created: str | None = None,
    modified: str | None = None,
    description: str | None = None,
) -> bytes:
    """docProps/core.xml. `created` and `modified` are W3CDTF strings fixed by the caller, or absent."""
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(
        f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi}
    )
    values = [
        (f"{{{dc}}}title", title),
        (f"{{{dc}}}subject", subject),
        (f"{{{dc}}}creator", creator),
        (f"{{{cp}}}keywords", keywords),
        (f"{{{dc}}}description", description),
        (f"{{{cp}}}lastModifiedBy", creator),
        (f"{{{dc}}}language", language),
    ]
    for tag, value in values:
        if value is not None:
            etree.SubElement(root, tag).text = value
    for tag, stamp in (("created", created), ("modified", modified)):
        if stamp is None:
            continue
        node = etree.SubElement(root, f"{{{dcterms}}}{tag}")
        node.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        node.text = stamp
    return serialize(root)


def app_properties(application: str = "ffu") -> bytes:
    """docProps/app.xml with only the application name, so nothing varies between runs."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns})
    etree.SubElement(root, f"{{{ns}}}Application").text = application
    return serialize(root)
