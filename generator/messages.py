"""Swedish messages for schema errors, each saying what is wrong and what to do."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from .problems import show

_TOPIC_HINT = (
    "ett ämnes-id består av små bokstäver a–z utan å, ä och ö, siffror och bindestreck, "
    "till exempel oppettider; välj id:t ur requirements_db/topics.yaml"
)
# What a pattern-checked field must look like, by field name.
_PATTERN_HINTS = {
    "id": "ett id ser ut som VC-014, BVC-003, A-007, PSY-002, OMV-012 eller FAKTA-001 (ett möte: "
    "ÅÅÅÅ-MM-DD); "
    "det är också ett filnamn, så snedstreck, punkter och mellanslag är inte tillåtna",
    "requirements": "ett krav-id ser ut som VC-014, BVC-003, A-007 eller PSY-002",
    "comparisons": "ett id för en omvärldsuppgift ser ut som OMV-012",
    "section": "ett avsnittsnummer ser ut som 4, 4.2 eller 4.2.1",
    "chapter": (
        "ett kapitel-id består av små bokstäver a–z, siffror och bindestreck, till exempel vc-tillganglighet"
    ),
    "topics": _TOPIC_HINT,
    "topic": _TOPIC_HINT,
    "seed": "en källa anges med filnamnet i sources.yaml, till exempel 000_9457d6a6039ce02e.txt",
    "file": "en källa anges med filnamnet, till exempel 000_9457d6a6039ce02e.txt",
}


# Field names writers are likely to type in Swedish, and the name the schema uses.
_SWEDISH_FIELDS = {
    "år": "year",
    "ändring": "change",
    "placering": "placement",
    "kapitel": "chapter",
    "avsnitt": "section",
    "rubrik": "heading",
    "motivering": "motivation",
    "beslut": "decision",
    "källa": "sources",
    "källor": "sources",
    "ämnen": "topics",
    "typ": "kind",
    "nivå": "level",
    "fråga": "question",
    "svar": "answer",
    "datum": "date",
    "titel": "title",
    "period": "period",
    "siffror": "figures",
    "krav": "requirements",
}


def _did_you_mean(name: str, allowed: list[str]) -> str:
    """The field the writer most likely meant: the schema's name for a Swedish word, or a near spelling."""
    guess = _SWEDISH_FIELDS.get(name.lower())
    if guess not in allowed:
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.65)
        guess = close[0] if close else None
    return f" (menar du '{guess}'?)" if guess else ""


def did_you_mean(value: str, known: list[str]) -> str:
    """' (menar du 'oppettider'?)' for the known id nearest to a mistyped one, or nothing."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if not close:
        lowered = value.casefold()
        close = [k for k in known if lowered and (lowered in k.casefold() or k.casefold() in lowered)][:1]
    return f" (menar du {show(close[0])}?)" if close else ""


def _field(loc: tuple[Any, ...]) -> str:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else ""


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc` (the location of an unknown key)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def schema_message(error: dict[str, Any], model: type[BaseModel]) -> str:
    """Translate one pydantic error into a Swedish sentence with a hint."""
    kind = error["type"]
    loc = tuple(error["loc"])
    field = _field(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = show(value)
    if kind == "missing":
        return f"fältet '{field}' saknas; lägg till det"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = f"; tillåtna fält här: {', '.join(allowed)}" if allowed else ""
        return f"okänt fält {show(str(loc[-1]))}{_did_you_mean(str(loc[-1]), allowed)}{hint}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"{shown} är inte ett tillåtet värde för '{field}'; välj ett av: {expected}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(field, "värdet har fel form")
        return f"{shown} har fel form för '{field}': {hint}"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind in ("string_type", "string_sub_type") and number:
        return (
            f"'{field}' ska vara text, men utan citattecken läses värdet som talet {shown} "
            '(4.10 blir 4.1); sätt citattecken runt värdet så som du skrev det, till exempel "4.10"'
        )
    if kind in ("string_type", "string_sub_type"):
        return f"'{field}' ska vara text, inte {shown}; sätt citattecken runt värdet"
    if kind == "string_too_short":
        return f"'{field}' får inte vara tomt"
    if kind == "string_too_long":
        return f"'{field}' är för långt (högst {ctx.get('max_length')} tecken)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{field}' ska vara ett heltal, inte {shown}"
    if kind in ("float_type", "float_parsing"):
        return f"'{field}' ska vara ett tal, inte {shown}"
    if kind in ("bool_type", "bool_parsing"):
        return f"'{field}' ska vara true eller false, inte {shown}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"'{field}' ska vara minst {ctx.get('ge', ctx.get('gt'))}, inte {shown}"
    if kind in ("less_than_equal", "less_than"):
        return f"'{field}' ska vara högst {ctx.get('le', ctx.get('lt'))}, inte {shown}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{shown} är inget giltigt datum för '{field}'; skriv ett verkligt datum som ÅÅÅÅ-MM-DD"
    if kind in ("tuple_type", "list_type", "sequence_str"):
        return f"'{field}' ska vara en lista, inte {shown}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        # Also reported when the items are there but invalid, so it must not say the list is empty.
        return f"'{field}' behöver minst {'ett giltigt värde' if least == 1 else f'{least} giltiga värden'}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{field or 'posten'}' ska vara en mappning med fält och värden, inte {shown}"
    return f"ogiltigt värde {shown} för '{field}' ({kind})"
