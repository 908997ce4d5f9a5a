"""The house style of the project's Word documents: every style, as data.

`make_reference` turns this table into templates/reference.docx. Colours are chosen for
contrast (WCAG AA or better on white and on their shading), and proposals are marked by a
border and shading as well as colour, so the marking survives greyscale printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FONT = "Liberation Sans"
LANGUAGE = "sv-SE"
INK = "1A1A1A"
ACCENT = "0B3D6B"  # a dark blue with 11:1 contrast on white
MUTED = "595959"  # grey that still meets WCAG AA (7:1) on white
PROPOSAL = "8A4B00"  # brown label text, 7:1 on its shading
PROPOSAL_FILL = "FFF4E0"
PROPOSAL_BAR = "C77800"
RULE = "A6A6A6"
TEXT_WIDTH = 9070  # twips between 2.5 cm margins on A4
BULLET_ABSTRACT, NUMBER_ABSTRACT = 1, 2
BULLET_NUM, NUMBER_NUM = 1, 2


@dataclass(frozen=True)
class Style:
    """One style: run properties (rpr) and paragraph properties (ppr) as simple keywords."""

    style_id: str
    name: str
    kind: str = "paragraph"
    based_on: str | None = "Normal"
    next_style: str | None = None
    rpr: dict[str, object] = field(default_factory=dict)
    ppr: dict[str, object] = field(default_factory=dict)
    ui_priority: int = 10


def _border(color: str, size: int, space: int = 4) -> dict[str, str]:
    return {"val": "single", "sz": str(size), "space": str(space), "color": color}


PROPOSAL_PPR: dict[str, object] = {
    "border_left": _border(PROPOSAL_BAR, 24, 8),
    "shading": PROPOSAL_FILL,
    "indent": (227, 0),
}

STYLES: tuple[Style, ...] = (
    Style(
        "Normal", "Normal", based_on=None, rpr={"lang": True}, ppr={"after": 120, "line": 276}, ui_priority=0
    ),
    Style(
        "Title",
        "Title",
        next_style="Normal",
        rpr={"size": 30, "bold": True, "color": ACCENT},
        ppr={"before": 480, "after": 240, "line": 240},
    ),
    Style("Subtitle", "Subtitle", next_style="Normal", rpr={"size": 14, "color": INK}, ppr={"after": 120}),
    Style("Organisation", "Organisation", rpr={"size": 16, "bold": True, "color": ACCENT}, ppr={"after": 0}),
    Style("Namnd", "Nämnd", rpr={"size": 13, "color": INK}, ppr={"after": 2400}),
    Style("Dokumentinfo", "Dokumentinfo", rpr={"size": 11, "color": INK}, ppr={"after": 60}),
    # The reading guide on the title page; its space above replaces an empty paragraph.
    Style("Ingress", "Ingress", ppr={"before": 240, "after": 0}),
    Style(
        "Heading1",
        "heading 1",
        next_style="Normal",
        rpr={"size": 20, "bold": True, "color": ACCENT},
        ppr={
            "before": 0,
            "after": 240,
            "keep_next": True,
            "keep_lines": True,
            "outline": 0,
            "page_break_before": True,
            "border_bottom": _border(ACCENT, 8, 6),
        },
        ui_priority=9,
    ),
    Style(
        "Heading2",
        "heading 2",
        next_style="Normal",
        rpr={"size": 15, "bold": True, "color": ACCENT},
        ppr={"before": 360, "after": 120, "keep_next": True, "keep_lines": True, "outline": 1},
        ui_priority=9,
    ),
    Style(
        "Heading3",
        "heading 3",
        next_style="Normal",
        rpr={"size": 12.5, "bold": True, "color": INK},
        ppr={"before": 280, "after": 80, "keep_next": True, "keep_lines": True, "outline": 2},
        ui_priority=9,
    ),
    Style(
        "Heading4",
        "heading 4",
        next_style="Normal",
        rpr={"size": 11, "bold": True, "italic": True},
        ppr={"before": 200, "after": 60, "keep_next": True, "keep_lines": True, "outline": 3},
        ui_priority=9,
    ),
    # Not based on a heading: the table of contents must not list its own title.
    Style(
        "TOCHeading",
        "TOC Heading",
        next_style="Normal",
        rpr={"size": 20, "bold": True, "color": ACCENT},
        ppr={"after": 240, "page_break_before": True},
        ui_priority=39,
    ),
    Style(
        "TOC1", "toc 1", rpr={"bold": True}, ppr={"before": 120, "after": 40, "toc_tab": True}, ui_priority=39
    ),
    Style("TOC2", "toc 2", ppr={"after": 20, "indent": (284, 0), "toc_tab": True}, ui_priority=39),
    Style(
        "TOC3",
        "toc 3",
        rpr={"size": 10},
        ppr={"after": 0, "indent": (567, 0), "toc_tab": True},
        ui_priority=39,
    ),
    Style(
        "ListBullet",
        "List Bullet",
        ppr={"after": 60, "num": BULLET_NUM, "indent": (360, 360), "contextual": True},
    ),
    Style(
        "ListNumber",
        "List Number",
        ppr={"after": 60, "num": NUMBER_NUM, "indent": (360, 360), "contextual": True},
    ),
    Style(
        "Kravrad",
        "Kravrad",
        next_style="Normal",
        rpr={"size": 8, "color": MUTED},
        ppr={"before": 160, "after": 20, "keep_next": True},
    ),
    Style(
        "Ikrafttradande",
        "Ikraftträdande",
        next_style="Normal",
        rpr={"italic": True},
        ppr={"before": 60, "after": 60, "keep_next": True},
    ),
    Style(
        "Forslagsetikett",
        "Förslagsetikett",
        next_style="Forslag",
        rpr={"size": 9, "bold": True, "color": PROPOSAL},
        ppr={**PROPOSAL_PPR, "after": 40, "before": 60, "keep_next": True},
    ),
    Style("Forslag", "Förslag", ppr={**PROPOSAL_PPR, "after": 80}),
    Style(
        "ForslagPunktlista",
        "Förslag punktlista",
        based_on="ListBullet",
        ppr={**PROPOSAL_PPR, "after": 0, "indent": (587, 360), "contextual": False},
    ),
    Style(
        "ForslagNumreradLista",
        "Förslag numrerad lista",
        based_on="ListNumber",
        ppr={**PROPOSAL_PPR, "after": 0, "indent": (587, 360), "contextual": False},
    ),
    Style("Tabelltext", "Tabelltext", rpr={"size": 9.5}, ppr={"after": 0, "line": 240}),
    Style("Tabellrubrik", "Tabellrubrik", based_on="Tabelltext", rpr={"bold": True}, ppr={"keep_next": True}),
    Style(
        "Fraga",
        "Fråga",
        next_style="Svar",
        rpr={"bold": True},
        ppr={"before": 240, "after": 60, "keep_next": True, "keep_lines": True},
    ),
    Style("Svar", "Svar", ppr={"indent": (284, 0), "after": 60}),
    Style("Svarsinfo", "Svarsinfo", based_on="Svar", rpr={"size": 9, "color": MUTED}, ppr={"after": 60}),
    Style(
        "Header",
        "header",
        rpr={"size": 8.5, "color": MUTED},
        ppr={"after": 0, "border_bottom": _border(RULE, 4, 4), "tabs": [("right", TEXT_WIDTH)]},
    ),
    Style(
        "Footer",
        "footer",
        rpr={"size": 8.5, "color": MUTED},
        ppr={"after": 0, "align": "right", "border_top": _border(RULE, 4, 4)},
    ),
    Style("Kravid", "Krav-id", kind="character", based_on=None, rpr={"size": 8, "color": MUTED}),
    Style("Strong", "Strong", kind="character", based_on=None, rpr={"bold": True}, ui_priority=22),
    Style("Emphasis", "Emphasis", kind="character", based_on=None, rpr={"italic": True}, ui_priority=20),
    Style(
        "Hyperlink",
        "Hyperlink",
        kind="character",
        based_on=None,
        rpr={"color": "0645AD", "underline": True},
        ui_priority=99,
    ),
)
