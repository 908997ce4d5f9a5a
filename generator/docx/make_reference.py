"""Write templates/reference.docx: the styles, numbering and settings every FFU starts from.

Run `python -m generator.docx.make_reference` after changing a style in `stylesheet`, and
commit the result. The reference is generated rather than edited in Word so that a style
change is a reviewable diff and the binary is reproducible byte for byte.

All styles carry the Swedish language (sv-SE) and use Liberation Sans, which is metrically
equal to Arial; Word on a machine without it falls back to Arial through the font table.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import templates
from .assemble import REFERENCE
from .ooxml import (
    Element,
    abstract_num,
    el,
    num,
    paragraph,
    part_root,
    run,
    section_properties,
    serialize,
    sub,
    w,
)
from .package import (
    CONTENT_TYPES,
    Relationships,
    add_document_parts,
    app_properties,
    content_types,
    core_properties,
    package_bytes,
    package_relationships,
)
from .stylesheet import (
    ACCENT,
    BULLET_ABSTRACT,
    BULLET_NUM,
    FONT,
    INK,
    LANGUAGE,
    NUMBER_ABSTRACT,
    NUMBER_NUM,
    RULE,
    STYLES,
    TEXT_WIDTH,
    Style,
)


def _rpr(options: dict[str, object]) -> Element:
    rpr = el("rPr")
    if options.get("lang"):
        sub(rpr, "rFonts", ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    if options.get("bold"):
        sub(rpr, "b")
        sub(rpr, "bCs")
    if options.get("italic"):
        sub(rpr, "i")
        sub(rpr, "iCs")
    if "color" in options:
        sub(rpr, "color", val=str(options["color"]))
    if "size" in options:
        half_points = str(round(float(str(options["size"])) * 2))
        sub(rpr, "sz", val=half_points)
        sub(rpr, "szCs", val=half_points)
    if options.get("underline"):
        sub(rpr, "u", val="single")
    if options.get("lang"):
        sub(rpr, "lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi=LANGUAGE)
    return rpr


def _ppr(options: dict[str, object]) -> Element:
    # Children follow the order CT_PPrBase prescribes, or Word rejects the file.
    ppr = el("pPr")
    if options.get("keep_next"):
        sub(ppr, "keepNext")
    if options.get("keep_lines"):
        sub(ppr, "keepLines")
    if options.get("page_break_before"):
        sub(ppr, "pageBreakBefore")
    if "num" in options:
        numpr = sub(ppr, "numPr")
        sub(numpr, "ilvl", val="0")
        sub(numpr, "numId", val=str(options["num"]))
    borders = [
        (side, options[f"border_{side}"]) for side in ("top", "left", "bottom") if f"border_{side}" in options
    ]
    if borders:
        pbdr = sub(ppr, "pBdr")
        for side, spec in borders:
            assert isinstance(spec, dict)
            sub(pbdr, side, **spec)
    if "shading" in options:
        sub(ppr, "shd", val="clear", color="auto", fill=str(options["shading"]))
    if "tabs" in options or options.get("toc_tab"):
        tabs = sub(ppr, "tabs")
        stops = options.get("tabs") or [("right", TEXT_WIDTH)]
        assert isinstance(stops, list)
        for kind, position in stops:
            sub(tabs, "tab", val=kind, leader="dot" if options.get("toc_tab") else "none", pos=str(position))
    spacing = {}
    for key, attr in (("before", "before"), ("after", "after"), ("line", "line")):
        if key in options:
            spacing[attr] = str(options[key])
    if "line" in spacing:
        spacing["lineRule"] = "auto"
    if spacing:
        sub(ppr, "spacing", **spacing)
    if "indent" in options:
        indent = options["indent"]
        assert isinstance(indent, tuple)
        left, hanging = indent
        attrs = {"left": str(left)}
        if hanging:
            attrs["hanging"] = str(hanging)
        sub(ppr, "ind", **attrs)
    if options.get("contextual"):
        sub(ppr, "contextualSpacing")
    if "align" in options:
        sub(ppr, "jc", val=str(options["align"]))
    if "outline" in options:
        sub(ppr, "outlineLvl", val=str(options["outline"]))
    return ppr


def _style(spec: Style) -> Element:
    node = el("style", type=spec.kind, styleId=spec.style_id)
    if spec.style_id == "Normal":
        node.set(w("default"), "1")
    sub(node, "name", val=spec.name)
    if spec.based_on:
        sub(node, "basedOn", val=spec.based_on)
    if spec.next_style:
        sub(node, "next", val=spec.next_style)
    sub(node, "uiPriority", val=str(spec.ui_priority))
    sub(node, "qFormat")
    if spec.kind == "paragraph" and spec.ppr:
        node.append(_ppr(spec.ppr))
    if spec.rpr:
        node.append(_rpr(spec.rpr))
    return node


def _table_style() -> Element:
    node = el("style", type="table", styleId="Tabell")
    sub(node, "name", val="Tabell")
    sub(node, "uiPriority", val="59")
    tblpr = sub(node, "tblPr")
    borders = sub(tblpr, "tblBorders")
    for side in ("top", "bottom", "insideH"):
        sub(borders, side, val="single", sz="4", space="0", color=RULE)
    margins = sub(tblpr, "tblCellMar")
    for side, width in (("top", "57"), ("left", "85"), ("bottom", "57"), ("right", "85")):
        sub(margins, side, w=width, type="dxa")
    first = sub(node, "tblStylePr", type="firstRow")
    first_tcpr = sub(first, "tcPr")
    first_borders = sub(first_tcpr, "tcBorders")
    sub(first_borders, "bottom", val="single", sz="8", space="0", color=ACCENT)
    sub(first_tcpr, "shd", val="clear", color="auto", fill="E8EEF5")
    return node


def styles_xml() -> bytes:
    root = part_root("styles")
    defaults = sub(root, "docDefaults")
    rpr_default = sub(defaults, "rPrDefault")
    rpr = _rpr({"lang": True, "size": 10.5, "color": INK})
    rpr_default.append(rpr)
    ppr_default = sub(defaults, "pPrDefault")
    ppr_default.append(_ppr({"after": 120, "line": 276}))
    for spec in STYLES:
        root.append(_style(spec))
    root.append(_table_style())
    return serialize(root)


def numbering_xml() -> bytes:
    root = part_root("numbering")
    root.append(abstract_num(BULLET_ABSTRACT, ordered=False, style="ListBullet"))
    root.append(abstract_num(NUMBER_ABSTRACT, ordered=True, style="ListNumber"))
    root.append(num(BULLET_NUM, BULLET_ABSTRACT))
    root.append(num(NUMBER_NUM, NUMBER_ABSTRACT))
    return serialize(root)


def settings_xml() -> bytes:
    root = part_root("settings")
    sub(root, "defaultTabStop", val="1304")  # Swedish documents tab in steps of 2.3 cm
    sub(root, "characterSpacingControl", val="doNotCompress")
    compat = sub(root, "compat")
    sub(
        compat,
        "compatSetting",
        name="compatibilityMode",
        uri="http://schemas.microsoft.com/office/word",
        val="15",
    )
    sub(root, "themeFontLang", val=LANGUAGE)
    sub(root, "decimalSymbol", val=",")
    sub(root, "listSeparator", val=";")
    return serialize(root)


def font_table_xml() -> bytes:
    root = part_root("fonts")
    font = sub(root, "font", name=FONT)
    sub(font, "altName", val="Arial")
    sub(font, "charset", val="00")
    sub(font, "family", val="swiss")
    sub(font, "pitch", val="variable")
    return serialize(root)


def sample_document_xml() -> bytes:
    """A short body that shows the styles when someone opens the reference in Word."""
    body = el("body")
    samples = [
        ("Title", "Mall för förfrågningsunderlag"),
        ("Normal", "Formatmallarna i den här filen används när ffu docx skriver förfrågningsunderlaget."),
        ("Heading2", "2 Kapitelrubrik"),
        ("Heading3", "2.1 Avsnittsrubrik"),
        ("Kravrad", "VC-001"),
        ("Normal", "Kravtext."),
        ("ListBullet", "Punkt i en lista."),
        ("ListNumber", "Punkt i en numrerad lista."),
        ("Forslagsetikett", "Förslag – ej beslutat"),
        ("Forslag", "Föreslagen kravtext."),
    ]
    for style, text in samples:
        body.append(paragraph(style, [run(text)]))
    body.append(section_properties())
    return serialize(part_root("document", [body]))


def reference_parts() -> dict[str, bytes]:
    rels = Relationships()
    add_document_parts(rels)
    parts = {
        "_rels/.rels": package_relationships(),
        "word/document.xml": sample_document_xml(),
        "word/_rels/document.xml.rels": rels.to_xml(),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "docProps/core.xml": core_properties(
            title="Mall för förfrågningsunderlag",
            subject="Hälsoval Skåne",
            creator="Region Skåne",
            keywords="förfrågningsunderlag; mall",
            language=LANGUAGE,
            created="2024-01-01T00:00:00Z",
            modified="2024-01-01T00:00:00Z",
        ),
        "docProps/app.xml": app_properties(),
    }
    parts[CONTENT_TYPES] = content_types(parts)
    return parts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else templates.folder() / REFERENCE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(package_bytes(reference_parts()))
    print(f"skrev {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
