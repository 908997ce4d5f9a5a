"""A layout pass in LibreOffice: tagged PDFs of many Word files in one run, and their page numbers.

Word stores a table of contents as a field whose result is whatever the file holds; only a
program that lays out pages knows the numbers. LibreOffice loads each document, updates its
indexes, and exports an accessible PDF (tagged, PDF/UA, bookmarks from headings, the
document's title shown, Word's bookmarks as named destinations). The page of each heading is
read back from the PDF's named destinations, so the Word file's contents can be given the
same numbers the PDF shows (see `toc`).

Starting LibreOffice costs seconds, so one process per core converts a share of the files,
through a small Basic macro that reads the list of files to convert. The files are handed over under plain
ASCII names in a private folder, so no path needs quoting or an encoding.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .pdf import ConversionError

SOFFICE = "soffice"
# A generous bound for one document; the whole run gets this per file plus a start-up margin.
SECONDS_PER_FILE = 60.0
START_SECONDS = 120.0

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Layout" \
script:language="StarBasic">
Function Prop(name As String, value As Variant) As com.sun.star.beans.PropertyValue
  Dim p As New com.sun.star.beans.PropertyValue
  p.Name = name
  p.Value = value
  Prop = p
End Function

Sub ExportOne(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  indexes = document.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  document.getTextFields().refresh()
  Dim options(6) As New com.sun.star.beans.PropertyValue
  options(0) = Prop(&quot;UseTaggedPDF&quot;, True)
  options(1) = Prop(&quot;PDFUACompliance&quot;, True)
  options(2) = Prop(&quot;ExportBookmarks&quot;, True)
  options(3) = Prop(&quot;ExportBookmarksToPDFDestination&quot;, True)
  options(4) = Prop(&quot;DisplayPDFDocumentTitle&quot;, True)
  options(5) = Prop(&quot;ExportNotes&quot;, False)
  options(6) = Prop(&quot;OpenBookmarkLevels&quot;, -1)
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0) = Prop(&quot;FilterName&quot;, &quot;writer_pdf_Export&quot;)
  store(1) = Prop(&quot;FilterData&quot;, options())
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub

Sub ExportList(listing As String)
  n = FreeFile
  Open listing For Input As #n
  Do While Not EOF(n)
    Line Input #n, source
    Line Input #n, target
    ExportOne(source, target)
  Loop
  Close #n
End Sub
</script:module>
"""

# LibreOffice colours tracked changes by author, numbering authors in the order one process
# meets them, so a PDF would depend on which documents the same process exported before it.
# Fixed colours (insertions green, deletions red, both also underlined or struck through)
# make every PDF the same whatever ran before.
_REVISION_COLOURS = "".join(
    f'<item oor:path="/org.openoffice.Office.Writer/Revision/TextDisplay/{kind}">'
    f'<prop oor:name="Color" oor:op="fuse"><value>{colour}</value></prop></item>\n'
    for kind, colour in (("Insert", 0x006E3C), ("Delete", 0xB00020), ("ChangedAttribute", 0x1F5F8B))
)

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
 <library:element library:name="Layout"/>
</library:library>
"""


def export_pdfs(documents: Sequence[bytes], *, processes: int | None = None) -> list[bytes]:
    """Tagged PDFs of the given .docx files, in the same order.

    The files are shared out over one LibreOffice process per core (each with its own
    profile, since two processes cannot share one), largest first so the runs end together.
    """
    if not documents:
        return []
    count = max(1, min(processes or os.cpu_count() or 1, len(documents)))
    with tempfile.TemporaryDirectory(prefix="ffu-layout-") as temporary:
        work = Path(temporary)
        sources = []
        for number, data in enumerate(documents, start=1):
            source = work / f"{number:04d}.docx"
            source.write_bytes(data)
            sources.append(source)
        shares: list[list[Path]] = [[] for _ in range(count)]
        loads = [0] * count
        for source in sorted(sources, key=lambda p: -p.stat().st_size):
            least = loads.index(min(loads))
            shares[least].append(source)
            loads[least] += source.stat().st_size
        runs = [
            _start(work / f"profil-{n}", share, work / f"lista-{n}.txt") for n, share in enumerate(shares)
        ]
        timeout = START_SECONDS + SECONDS_PER_FILE * len(documents)
        try:
            for process in runs:
                _wait(process, timeout)
        finally:
            # A failed run leaves no other LibreOffice behind.
            for process in runs:
                if process.poll() is None:
                    process.kill()
                    process.communicate()
        out = []
        for source in sources:
            target = source.with_suffix(".pdf")
            if not target.is_file():
                raise ConversionError(
                    f"LibreOffice skrev ingen PDF för dokument {source.stem} av {len(documents)}"
                )
            out.append(target.read_bytes())
        return out


def _start(profile: Path, sources: list[Path], listing: Path) -> subprocess.Popen[str]:
    base = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]
    _install_macro(profile, base)
    lines = [str(line) for source in sources for line in (source, source.with_suffix(".pdf"))]
    listing.write_text("\n".join(lines) + "\n", encoding="ascii")
    try:
        return subprocess.Popen(
            [*base, f'macro:///Standard.Layout.ExportList("{listing}")'],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except FileNotFoundError as exc:
        raise ConversionError("LibreOffice (soffice) saknas; installera libreoffice-writer-nogui") from exc


def _wait(process: subprocess.Popen[str], timeout: float) -> None:
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.communicate()
        raise ConversionError(f"LibreOffice svarade inte inom {timeout:.0f} sekunder") from exc
    if process.returncode != 0:
        raise ConversionError(f"LibreOffice avslutades med kod {process.returncode}: {stderr.strip()}")


def _install_macro(profile: Path, base: list[str]) -> None:
    library = profile / "user" / "basic" / "Standard"
    if not (library / "script.xlb").is_file():
        # The first start creates the profile with its empty Standard library.
        _run([*base, "--terminate_after_init"], START_SECONDS)
    (library / "Layout.xba").write_text(_MACRO, encoding="utf-8")
    (library / "script.xlb").write_text(_LIBRARY, encoding="utf-8")
    settings = profile / "user" / "registrymodifications.xcu"
    text = settings.read_text(encoding="utf-8")
    if _REVISION_COLOURS not in text:
        settings.write_text(
            text.replace("</oor:items>", _REVISION_COLOURS + "</oor:items>"), encoding="utf-8"
        )


def _run(command: list[str], timeout: float) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise ConversionError("LibreOffice (soffice) saknas; installera libreoffice-writer-nogui") from exc
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"LibreOffice svarade inte inom {timeout:.0f} sekunder") from exc
    if result.returncode != 0:
        raise ConversionError(f"LibreOffice avslutades med kod {result.returncode}: {result.stderr.strip()}")
