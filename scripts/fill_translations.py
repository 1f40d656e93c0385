"""Fill empty msgstrs of a catalog from another catalog or a Python dict {msgid: translation}.

Usage: python scripts/fill_translations.py CATALOG.po SOURCE.po|SOURCE.py
Plural entries are keyed by their singular msgid (Vietnamese has one plural form). Useful after
`make translations` to carry translations over from a branch's copy of the catalog.
"""

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def _table(path: str) -> dict[str, str]:
    if path.endswith(".py"):
        return runpy.run_path(path)["VI"]
    with open(path, "rb") as handle:
        source = read_po(handle)
    table = {}
    for message in source:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        value = message.string[0] if isinstance(message.string, tuple) else message.string
        if key and value and not message.fuzzy:
            table[key] = value
    return table


def main(catalog_path: str, table_path: str) -> None:
    table = _table(table_path)
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
