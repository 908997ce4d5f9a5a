"""System errors in Swedish: what went wrong with the disk or a file, in words a writer acts on."""

from __future__ import annotations

import errno

REASONS = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EACCES: "filen eller mappen är skrivskyddad, eller behörighet saknas",
    errno.EPERM: "åtgärden är inte tillåten (skrivskyddad fil eller mapp, eller behörighet saknas)",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.EEXIST: "filen finns redan",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.ENAMETOOLONG: "sökvägen är för lång",
    errno.EMFILE: "för många öppna filer",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.EXDEV: "filen kan inte flyttas mellan två filsystem",
    errno.ELOOP: "för många symboliska länkar i sökvägen",
    errno.EBUSY: "filen eller mappen används av ett annat program",
    errno.ETXTBSY: "filen används av ett annat program",
    errno.EFBIG: "filen blir för stor",
    errno.EADDRINUSE: "porten används redan av ett annat program",
    errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn",
    errno.EPIPE: "mottagaren av utskriften har stängts",
}


def reason(exc: OSError) -> str:
    """Why the operation failed, in Swedish; an unknown error keeps its number so it can be looked up."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    return f"systemfel {exc.errno}" if exc.errno else "okänt systemfel"


def describe(exc: OSError) -> str:
    """The failed operation's file and the reason, as in 'kan inte skriva X: disken är full'."""
    where = f" {exc.filename}" if exc.filename else ""
    return f"kan inte läsa eller skriva{where}: {reason(exc)}"
