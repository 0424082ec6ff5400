"""LibreOffice Calc, headless, for the tests that check what an officer sees in a spreadsheet program.

`make test` installs it (`make browser-deps`: Debian's libreoffice-calc-nogui), so a missing soffice is a failure
with the command that fixes it, not a skip.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

# CSV filter options: comma, double quote, UTF-8 (76), from row 1, ..., and token 9 "save cell contents as shown".
# Without the options LibreOffice 7.4 writes a date with its format but in the Gregorian calendar (09/03/1985).
CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


def soffice() -> str:
    path = shutil.which("soffice")
    if not path:
        pytest.fail("LibreOffice (soffice) is not installed: run `make browser-deps` (Debian's libreoffice-calc-nogui)")
    return path


def convert(content: bytes, name: str, to: str, profile: Path, work: Path) -> bytes:
    """The file converted by LibreOffice (`to` is an extension or a filter string such as CSV_AS_SHOWN).

    `profile` is a LibreOffice user profile of the test's own (one per test module: the first start writes it, a few
    seconds), so a LibreOffice the developer has open is left alone."""
    source = work / name
    source.write_bytes(content)
    out = work / "converted"
    result = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    extension = to.split(":", 1)[0]
    # One sheet of a workbook as CSV comes out as "<name>-<sheet name>.csv".
    targets = sorted(out.glob(f"{source.stem}*.{extension}"))
    assert len(targets) == 1, f"LibreOffice did not convert {name}: {result.stdout} {result.stderr}"
    return targets[0].read_bytes()


def as_shown_csv(content: bytes, name: str, profile: Path, work: Path, *, sheet: int = 1) -> list[list[str]]:
    """The cells of one sheet (1 is the first) as LibreOffice shows them."""
    import csv
    import io

    # Tokens 10 and 11 (formulas, spaces) at their defaults; token 12 picks the sheet.
    options = f"{CSV_AS_SHOWN},false,false,{sheet}" if sheet != 1 else CSV_AS_SHOWN
    text = convert(content, name, options, profile, work).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))
