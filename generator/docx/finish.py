"""Finishing a document after LibreOffice has laid it out (see `layout`).

The Word file gets the page numbers of its headings in the stored results of its table of
contents, so every reader shows them without updating fields, and it no longer asks Word to
update fields on opening. The field stays, so Word can still refresh it.

The PDF gets what LibreOffice leaves out or varies: alt text on figures (Word's docPr
descr, in document order), dates from the data instead of the clock, and an id made from
its content, so the same Word file always gives the same PDF bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

import pikepdf

from .ooxml import etree, serialize, w
from .package import package_bytes

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CP_NS = "http://purl.org/dc/terms/"
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
_LO_HEADING = "/5F5FRefHeading"
_XMP_DATE = re.compile(rb"<xmp:CreateDate>[^<]*</xmp:CreateDate>")


def _destination_name(bookmark: str) -> str:
    # LibreOffice writes a bookmark's name as a PDF name with '_' spelled as its hex code.
    return "/" + bookmark.replace("_", "5F")


def heading_pages(pdf_bytes: bytes, bookmarks: list[str]) -> dict[str, int]:
    """The page number (from 1) on which each Word bookmark lies, from the PDF's named destinations."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        destinations = pdf.Root.get("/Dests")
        found: dict[str, int] = {}
        if destinations is None:
            return found
        for name in bookmarks:
            target = destinations.get(_destination_name(name))
            if isinstance(target, pikepdf.Dictionary):
                target = target.get("/D")
            if isinstance(target, pikepdf.Array) and len(target):
                page = pages.get(target[0].objgen)
                if page is not None:
                    found[name] = page
        return found


def contents_bookmarks(docx_bytes: bytes) -> list[str]:
    """The bookmarks the table of contents refers to (PAGEREF fields), in order."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    names = []
    for node in root.iter(w("instrText")):
        match = _PAGEREF.match(node.text or "")
        if match:
            names.append(match.group(1))
    return names


def fill_contents(docx_bytes: bytes, pages: Mapping[str, int]) -> bytes:
    """The Word file with each contents entry's page number stored, and no update-on-open request.

    Raises ValueError if an entry has no page: a contents without numbers is not finished.
    """
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    missing = []
    for node in list(root.iter(w("instrText"))):
        match = _PAGEREF.match(node.text or "")
        if not match:
            if (node.text or "").strip().startswith("TOC"):
                begin = node.getparent().getprevious().find(w("fldChar"))
                if begin is not None:
                    begin.attrib.pop(w("dirty"), None)
            continue
        name = match.group(1)
        if name not in pages:
            missing.append(name)
            continue
        # begin, instruction, separate, then the result run.
        result = node.getparent().getnext().getnext()
        text = result.find(w("t"))
        if text is None:
            text = etree.SubElement(result, w("t"))
        text.text = str(pages[name])
    if missing:
        raise ValueError(f"ingen sida för {', '.join(missing)}")
    parts["word/document.xml"] = serialize(root)
    settings = etree.fromstring(parts["word/settings.xml"])
    for node in settings.findall(w("updateFields")):
        settings.remove(node)
    parts["word/settings.xml"] = serialize(settings)
    return package_bytes(parts)


def _alt_texts(root: object) -> list[str]:
    return [node.get("descr", "") for node in root.iter(f"{{{WP_NS}}}docPr")]  # type: ignore[attr-defined]


def _modified(parts: Mapping[str, bytes]) -> str | None:
    core = etree.fromstring(parts["docProps/core.xml"])
    for tag in ("modified", "created"):
        node = core.find(f"{{{CP_NS}}}{tag}")
        if node is not None and node.text:
            return str(node.text)
    return None


def finish_pdf(pdf_bytes: bytes, docx_bytes: bytes) -> bytes:
    """The PDF with figure alt text, dates from the Word file's properties and a content-made id."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        parts = {n: archive.read(n) for n in ("word/document.xml", "docProps/core.xml")}
    alt = _alt_texts(etree.fromstring(parts["word/document.xml"]))
    stamp = _modified(parts)  # 2026-01-01T00:00:00Z, or None
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        # The walk over the structure tree costs seconds in a long document; only figures need it.
        tree = _structure(pdf.Root.StructTreeRoot) if any(alt) else []
        figures = [node for node in tree if node.get("/S") == "/Figure"]
        for figure, text in zip(figures, alt, strict=False):
            if text and "/Alt" not in figure:
                figure.Alt = pikepdf.String(text)
        # LibreOffice's own heading marks are named per run; links use explicit destinations,
        # so the names serve nothing and would make each run's file differ.
        destinations = pdf.Root.get("/Dests")
        if isinstance(destinations, pikepdf.Dictionary):
            for name in list(destinations.keys()):
                if name.startswith(_LO_HEADING):
                    del destinations[name]
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        metadata = pdf.Root.get("/Metadata")
        if stamp is not None:
            day = stamp[:10].replace("-", "")
            pdf.docinfo.CreationDate = pikepdf.String(f"D:{day}000000Z")
        if isinstance(metadata, pikepdf.Stream):
            replacement = f"<xmp:CreateDate>{stamp}</xmp:CreateDate>".encode() if stamp else b""
            metadata.write(_XMP_DATE.sub(replacement, metadata.read_bytes()))
        # LibreOffice's file id and checksum vary per run; qpdf then makes the id from the content.
        for key in ("/ID", "/DocChecksum"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        out = io.BytesIO()
        # Recompressed here, since LibreOffice does not always compress the same content alike.
        pdf.save(out, deterministic_id=True, recompress_flate=True)
        return out.getvalue()


def _structure(node: object) -> list[pikepdf.Dictionary]:
    """Every structure element under `node`, depth first (marked-content ids are skipped)."""
    found: list[pikepdf.Dictionary] = []
    stack = [node]
    seen: set[tuple[int, int]] = set()
    while stack:
        current = stack.pop()
        if isinstance(current, pikepdf.Array):
            stack.extend(reversed(list(current)))
            continue
        if not isinstance(current, pikepdf.Dictionary):
            continue
        if current.is_indirect:
            if current.objgen in seen:
                continue
            seen.add(current.objgen)
        if "/S" in current:
            found.append(current)
        kids = current.get("/K")
        if kids is not None:
            stack.append(kids)
    return found
