"""A native Word bar chart (DrawingML), for small summaries such as counts of changes.

The data sits in a small embedded workbook (see `workbook`), which the chart's series refer
to, so Word's "Redigera data" can edit it; the chart part also caches the values, from
which Word and LibreOffice draw it. The chart carries alt text
for screen readers, and callers show the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .ooxml import R_NS, Element, el, etree, run, serialize
from .package import Relationships
from .stylesheet import LANGUAGE
from .workbook import SERIES_CELL, category_range, value_range, workbook_bytes

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_REL = "chart"
PACKAGE_REL = "package"  # an embedded package, here the chart's workbook
WORKBOOK_REL_ID = "rId1"  # the chart part's only relationship
EMU_PER_CM = 360000


def _c(name: str, parent: Element | None = None, **attrs: str) -> Element:
    tag = f"{{{C_NS}}}{name}"
    if parent is None:
        return etree.Element(tag, attrs, nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
    return etree.SubElement(parent, tag, attrs)


def _a(name: str, parent: Element, **attrs: str) -> Element:
    return etree.SubElement(parent, f"{{{A_NS}}}{name}", attrs)


def _rich_text(parent: Element, text: str, size: int) -> None:
    rich = _c("rich", _c("tx", parent))
    _a("bodyPr", rich)
    p = _a("p", rich)
    ppr = _a("pPr", p)
    _a("defRPr", ppr, sz=str(size * 100), b="1")
    r = _a("r", p)
    _a("rPr", r, lang=LANGUAGE, sz=str(size * 100), b="1")
    _a("t", r).text = text


def bar_chart_part(
    title: str, series: str, categories: Sequence[str], values: Sequence[float], colour: str = "1F5F8B"
) -> bytes:
    """The chart part: horizontal bars, categories top to bottom, values written on the bars."""
    space = _c("chartSpace")
    _c("date1904", space, val="0")
    _c("lang", space, val=LANGUAGE)
    _c("roundedCorners", space, val="0")
    chart = _c("chart", space)
    title_node = _c("title", chart)
    _rich_text(title_node, title, 11)
    _c("overlay", title_node, val="0")
    _c("autoTitleDeleted", chart, val="0")
    plot = _c("plotArea", chart)
    _c("layout", plot)
    bars = _c("barChart", plot)
    _c("barDir", bars, val="bar")
    _c("grouping", bars, val="clustered")
    _c("varyColors", bars, val="0")
    ser = _c("ser", bars)
    _c("idx", ser, val="0")
    _c("order", ser, val="0")
    name_ref = _c("strRef", _c("tx", ser))
    _c("f", name_ref).text = SERIES_CELL
    _string_cache(name_ref, [series])
    fill = _a("solidFill", _c("spPr", ser))
    _a("srgbClr", fill, val=colour)
    _c("invertIfNegative", ser, val="0")
    labels = _c("dLbls", ser)
    for name, value in (
        ("showLegendKey", "0"),
        ("showVal", "1"),
        ("showCatName", "0"),
        ("showSerName", "0"),
        ("showPercent", "0"),
        ("showBubbleSize", "0"),
    ):
        _c(name, labels, val=value)
    category_ref = _c("strRef", _c("cat", ser))
    _c("f", category_ref).text = category_range(len(categories))
    _string_cache(category_ref, categories)
    value_ref = _c("numRef", _c("val", ser))
    _c("f", value_ref).text = value_range(len(values))
    numbers = _c("numCache", value_ref)
    _c("formatCode", numbers).text = "General"
    _c("ptCount", numbers, val=str(len(values)))
    for index, number in enumerate(values):
        _c("v", _c("pt", numbers, idx=str(index))).text = str(number)
    _c("gapWidth", bars, val="60")
    _c("axId", bars, val="500")
    _c("axId", bars, val="501")
    category_axis = _c("catAx", plot)
    _c("axId", category_axis, val="500")
    _c("orientation", _c("scaling", category_axis), val="maxMin")  # first category on top
    _c("delete", category_axis, val="0")
    _c("axPos", category_axis, val="l")
    _c("numFmt", category_axis, formatCode="General", sourceLinked="0")
    _c("tickLblPos", category_axis, val="nextTo")
    _c("crossAx", category_axis, val="501")
    _c("crosses", category_axis, val="autoZero")
    _c("auto", category_axis, val="1")
    _c("lblAlgn", category_axis, val="ctr")
    _c("lblOffset", category_axis, val="100")
    value_axis = _c("valAx", plot)
    _c("axId", value_axis, val="501")
    _c("orientation", _c("scaling", value_axis), val="minMax")
    _c("delete", value_axis, val="0")
    _c("axPos", value_axis, val="b")
    _c("majorGridlines", value_axis)
    _c("numFmt", value_axis, formatCode="0", sourceLinked="0")
    _c("tickLblPos", value_axis, val="nextTo")
    _c("crossAx", value_axis, val="500")
    _c("crosses", value_axis, val="autoZero")
    _c("crossBetween", value_axis, val="between")
    _c("plotVisOnly", chart, val="1")
    _c("dispBlanksAs", chart, val="gap")
    external = _c("externalData", space)
    external.set(f"{{{R_NS}}}id", WORKBOOK_REL_ID)
    _c("autoUpdate", external, val="0")
    return serialize(space)


def _string_cache(reference: Element, texts: Sequence[str]) -> None:
    cache = _c("strCache", reference)
    _c("ptCount", cache, val=str(len(texts)))
    for index, text in enumerate(texts):
        _c("v", _c("pt", cache, idx=str(index))).text = text


def chart_parts(
    chart_part: str, title: str, series: str, categories: Sequence[str], values: Sequence[float]
) -> dict[str, bytes]:
    """The chart part, its relationships and its embedded workbook, by part name."""
    folder, _, name = chart_part.rpartition("/")
    workbook = f"word/embeddings/{name.removesuffix('.xml')}-data.xlsx"
    rels = Relationships()
    rels.add(PACKAGE_REL, "../embeddings/" + workbook.rpartition("/")[2])
    return {
        chart_part: bar_chart_part(title, series, categories, values),
        f"{folder}/_rels/{name}.rels": rels.to_xml(),
        workbook: workbook_bytes(series, categories, values),
    }


def inline_chart(
    rel_id: str, drawing_id: int, name: str, description: str, *, width_cm: float = 16, height_cm: float = 6
) -> Element:
    """A run holding the chart inline in the text, with `description` as its alt text."""
    wp = f"{{{WP_NS}}}"
    inline = etree.Element(
        f"{wp}inline",
        {"distT": "0", "distB": "0", "distL": "0", "distR": "0"},
        nsmap={"wp": WP_NS, "a": A_NS, "c": C_NS, "r": R_NS},
    )
    etree.SubElement(
        inline, f"{wp}extent", cx=str(int(width_cm * EMU_PER_CM)), cy=str(int(height_cm * EMU_PER_CM))
    )
    etree.SubElement(inline, f"{wp}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(inline, f"{wp}docPr", id=str(drawing_id), name=name, descr=description)
    etree.SubElement(inline, f"{wp}cNvGraphicFramePr")
    graphic = etree.SubElement(inline, f"{{{A_NS}}}graphic")
    data = etree.SubElement(graphic, f"{{{A_NS}}}graphicData", uri=C_NS)
    chart = etree.SubElement(data, f"{{{C_NS}}}chart")
    chart.set(f"{{{R_NS}}}id", rel_id)
    drawing = el("drawing")
    drawing.append(inline)
    holder = run("")
    holder.append(drawing)
    return holder
