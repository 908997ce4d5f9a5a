"""Converting a .docx to PDF with LibreOffice, for tests and for the README picture.

Each conversion runs in a private LibreOffice profile: two soffice processes that share a
profile block each other, so parallel test runs would otherwise hang or fail.

LibreOffice shows a table of contents as the file stores it and does not update it on
loading. With `update_indexes`, a small Basic macro loads the document, updates its
indexes (so the contents get page numbers) and exports the PDF.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import FfuError

SOFFICE = "soffice"
TIMEOUT = 180.0

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub ExportPdf(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  indexes = document.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  document.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub
</script:module>
"""


class ConversionError(FfuError):
    """LibreOffice could not convert the file; the message is Swedish."""


def convert_to_pdf(
    source: Path,
    out_dir: Path,
    *,
    profile: Path,
    update_indexes: bool = False,
    timeout: float = TIMEOUT,
) -> Path:
    """Convert `source` to `out_dir/<stem>.pdf` and return that path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{source.stem}.pdf"
    base = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]
    if update_indexes:
        _install_macro(profile, base, timeout)
        if '"' in str(source.resolve()) + str(target.resolve()):
            raise ConversionError("sökvägen får inte innehålla citattecken")
        _run(
            [*base, f'macro:///Standard.Module1.ExportPdf("{source.resolve()}","{target.resolve()}")'],
            timeout,
        )
    else:
        _run([*base, "--convert-to", "pdf", "--outdir", str(out_dir), str(source)], timeout)
    if not target.is_file():
        raise ConversionError(f"LibreOffice skrev ingen PDF för {source.name}")
    return target


def _install_macro(profile: Path, base: list[str], timeout: float) -> None:
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.is_file():
        # The first start creates the profile with its empty Standard library.
        _run([*base, "--terminate_after_init"], timeout)
    module.write_text(_MACRO, encoding="utf-8")


def _run(command: list[str], timeout: float) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise ConversionError("LibreOffice (soffice) saknas; installera libreoffice-writer-nogui") from exc
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"LibreOffice svarade inte inom {timeout:.0f} sekunder") from exc
    if result.returncode != 0:
        raise ConversionError(f"LibreOffice avslutades med kod {result.returncode}: {result.stderr.strip()}")
