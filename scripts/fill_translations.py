"""Fill empty msgstrs of a catalog from a Python dict {msgid: translation}.

Usage: python scripts/fill_translations.py CATALOG.po TRANSLATIONS.py
Plural entries are keyed by their singular msgid (Vietnamese has one plural form).
"""

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def main(catalog_path: str, table_path: str) -> None:
    table = runpy.run_path(table_path)["VI"]
    with open(catalog_path, "rb") as handle:
        catalog = read_po(handle)
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if not key or key not in table:
            continue
        if isinstance(message.id, tuple):
            if not any(message.string):
                message.string = (table[key],)
                filled += 1
        elif not message.string:
            message.string = table[key]
            filled += 1
    with open(catalog_path, "wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True)
    print(f"filled {filled}")


if __name__ == "__main__":
    main(*sys.argv[1:])
