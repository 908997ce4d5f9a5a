"""The smallest workbook Word accepts as a chart's data: one sheet, written by hand.

Word's "Redigera data" opens the workbook embedded beside a chart; without one the chart's
numbers cannot be edited. The sheet holds the series name in B1, the categories in A2…
and the values in B2…, which is where the chart's formulas point. Strings are inline, so
no shared-string table is needed, and the package is written like the Word files: fixed
order and times, so the same data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from .ooxml import etree, serialize
from .package import package_bytes

SHEET = "Blad1"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def category_range(count: int) -> str:
    return f"{SHEET}!$A$2:$A${count + 1}"


def value_range(count: int) -> str:
    return f"{SHEET}!$B$2:$B${count + 1}"


SERIES_CELL = f"{SHEET}!$B$1"


def _s(parent: object, tag: str, **attrs: str) -> object:
    return etree.SubElement(parent, f"{{{_S}}}{tag}", attrs)


def _inline(row: object, ref: str, text: str) -> None:
    cell = _s(row, "c", r=ref, t="inlineStr")
    _s(_s(cell, "is"), "t").text = text  # type: ignore[attr-defined]


def workbook_bytes(series: str, categories: Sequence[str], values: Sequence[float]) -> bytes:
    """An .xlsx with the chart's data on sheet Blad1."""
    sheet = etree.Element(f"{{{_S}}}worksheet", nsmap={None: _S})
    data = _s(sheet, "sheetData")
    header = _s(data, "row", r="1")
    _inline(header, "A1", "")
    _inline(header, "B1", series)
    for index, (category, value) in enumerate(zip(categories, values, strict=True), start=2):
        row = _s(data, "row", r=str(index))
        _inline(row, f"A{index}", category)
        _s(_s(row, "c", r=f"B{index}"), "v").text = str(value)  # type: ignore[attr-defined]

    book = etree.Element(f"{{{_S}}}workbook", nsmap={None: _S, "r": _R})
    entry = _s(_s(book, "sheets"), "sheet", name=SHEET, sheetId="1")
    entry.set(f"{{{_R}}}id", "rId1")  # type: ignore[attr-defined]

    book_rels = etree.Element(f"{{{_PKG}}}Relationships", nsmap={None: _PKG})
    etree.SubElement(
        book_rels,
        f"{{{_PKG}}}Relationship",
        Id="rId1",
        Type=f"{_R}/worksheet",
        Target="worksheets/sheet1.xml",
    )
    package_rels = etree.Element(f"{{{_PKG}}}Relationships", nsmap={None: _PKG})
    etree.SubElement(
        package_rels,
        f"{{{_PKG}}}Relationship",
        Id="rId1",
        Type=f"{_R}/officeDocument",
        Target="xl/workbook.xml",
    )
    types = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    etree.SubElement(
        types,
        f"{{{_CT}}}Default",
        Extension="rels",
        ContentType="application/vnd.openxmlformats-package.relationships+xml",
    )
    etree.SubElement(types, f"{{{_CT}}}Default", Extension="xml", ContentType="application/xml")
    for part, kind in (
        ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        (
            "/xl/worksheets/sheet1.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
        ),
    ):
        etree.SubElement(types, f"{{{_CT}}}Override", PartName=part, ContentType=kind)
    return package_bytes(
        {
            "[Content_Types].xml": serialize(types),
            "_rels/.rels": serialize(package_rels),
            "xl/workbook.xml": serialize(book),
            "xl/_rels/workbook.xml.rels": serialize(book_rels),
            "xl/worksheets/sheet1.xml": serialize(sheet),
        }
    )
