"""Fill empty msgstr entries of a .po file from a Thai -> English dict in a JSON file: `python tools/fill_po.py PO JSON`."""

import json
import re
import sys


def fill(po_path: str, translations: dict[str, str]) -> list[str]:
    with open(po_path, encoding="utf-8") as f:
        text = f.read()
    missing = []

    def replace(match):
        msgid = match.group(1)
        if match.group(2) != "" or not msgid:
            return match.group(0)
        english = translations.get(
            msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8") if "\\" in msgid else msgid
        )
        if english is None:
            missing.append(msgid)
            return match.group(0)
        return f'msgid "{msgid}"\nmsgstr "{english}"'

    text = re.sub(r'msgid "(.*)"\nmsgstr "(.*)"', replace, text)
    text = text.replace("#, fuzzy\n", "", 1)
    with open(po_path, "w", encoding="utf-8") as f:
        f.write(text)
    return missing


if __name__ == "__main__":
    with open(sys.argv[2], encoding="utf-8") as f:
        missing = fill(sys.argv[1], json.load(f))
    for msgid in missing:
        print("untranslated:", msgid)
