"""Build ``grc_toolkit/data/communes.csv.gz`` from the official list of French communes.

Source: the npm package ``@etalab/decoupage-administratif`` (INSEE Code officiel géographique +
La Poste postcodes, Licence Ouverte 2.0). Run it once a year, when a new vintage is published::

    python scripts/build_communes.py                  # latest version
    python scripts/build_communes.py 6.0.0 0.3.0      # a given version, and the old one for former names

It needs ``npm`` on the PATH (only to download the package tarball). The output has one row per
(postal code, commune) pair, sorted, gzip with mtime 0, so that two runs give the same bytes.

Columns: ``postal_code``, ``insee``, ``name``, ``department``, ``kind`` and ``current_insee``.
``kind`` is ``commune`` (current commune), ``arrondissement`` (Paris, Lyon, Marseille),
``deleguee`` or ``associee`` (former communes merged into a current one, whose names people still
write) and ``ancienne``: names that a commune or a merged commune had in an old version of the
package (2018, ``Évry`` before ``Évry-Courcouronnes``) and that are no longer in the current list.
``current_insee`` is the current commune of an arrondissement or a former commune (empty for
current communes). Former communes have no postcode of their own in the source: they get the
postcodes of their current commune (plus their own in the old version).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from grc_toolkit.cleaners.addresses import city_key

PACKAGE = "@etalab/decoupage-administratif"
OUTPUT = Path(__file__).resolve().parent.parent / "grc_toolkit" / "data" / "communes.csv.gz"
#: ``key``: the name's :func:`~grc_toolkit.cleaners.addresses.city_key`, computed here so that no run of grc
#: spends half a second keying 36,000 names (a test holds it equal to what ``city_key`` gives today)
COLUMNS = ("postal_code", "insee", "name", "department", "kind", "current_insee", "key")
KINDS = {
    "commune-actuelle": "commune",
    "arrondissement-municipal": "arrondissement",
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
}


OLD_VERSION = "0.3.0"


def download(version: str | None, directory: Path) -> tuple[list[dict[str, object]], str]:
    """Fetch the package with ``npm pack`` and return its communes and exact version."""
    spec = f"{PACKAGE}@{version}" if version else PACKAGE
    folder = directory / (version or "latest")
    folder.mkdir()
    done = subprocess.run(["npm", "pack", spec, "--silent"], cwd=folder, check=True, capture_output=True, text=True)
    tarball = folder / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        meta = json.load(archive.extractfile("package/package.json"))  # type: ignore[arg-type]
        communes = json.load(archive.extractfile("package/data/communes.json"))  # type: ignore[arg-type]
    return communes, str(meta["version"])


def rows_of(communes: list[dict[str, object]]) -> list[tuple[str, ...]]:
    """One row per (postal code, commune), former communes taking their current commune's codes."""
    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    rows = set()
    for commune in communes:
        kind = KINDS[str(commune["type"])]
        parent = str(commune.get("commune") or commune.get("chefLieu") or "")
        if kind == "commune":
            parent, codes = "", commune.get("codesPostaux") or []
        elif kind == "arrondissement":
            codes = commune.get("codesPostaux") or []
        else:
            codes = current[parent].get("codesPostaux") or [] if parent in current else []
        for postal_code in codes:  # type: ignore[attr-defined]
            rows.add(
                (str(postal_code), str(commune["code"]), str(commune["nom"]), str(commune["departement"]), kind, parent)
            )
    return sorted(rows)


def former_rows(communes: list[dict[str, object]], old: list[dict[str, object]]) -> list[tuple[str, ...]]:
    """Rows for the old names of current communes (renamed, or absorbed without being déléguées)."""
    old_by_code = {str(c["code"]): c for c in old}
    known = {(str(c["code"]), str(c["nom"]).replace("’", "'")) for c in communes}
    rows = set()
    for commune in communes:
        if commune["type"] != "commune-actuelle":
            continue
        codes = list(commune.get("codesPostaux") or [])  # type: ignore[call-overload]
        for code in [commune["code"], *(commune.get("anciensCodes") or [])]:  # type: ignore[misc]
            former = old_by_code.get(str(code))
            name = str(former["nom"]).replace("’", "'") if former else ""
            if former is None or (str(code), name) in known or name == commune["nom"]:
                continue
            for postal_code in sorted({*codes, *(former.get("codesPostaux") or [])}):  # type: ignore[misc]
                rows.add(
                    (str(postal_code), str(code), name, str(commune["departement"]), "ancienne", str(commune["code"]))
                )
    return sorted(rows)


def write(rows: list[tuple[str, ...]], path: Path) -> None:
    """Write the rows as a deterministic gzip CSV (mtime 0, sorted, ``\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows((*row[: len(COLUMNS) - 1], city_key(row[2])) for row in rows)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
        out.write(buffer.getvalue().encode("utf-8"))


def main(argv: list[str]) -> int:
    version = argv[1] if len(argv) > 1 else None
    old_version = argv[2] if len(argv) > 2 else OLD_VERSION
    with tempfile.TemporaryDirectory() as tmp:
        communes, exact = download(version, Path(tmp))
        old, _ = download(old_version, Path(tmp))
    rows = sorted({*rows_of(communes), *former_rows(communes, old)})
    write(rows, OUTPUT)
    print(
        f"{PACKAGE}@{exact} (+{old_version} for former names): {len(rows)} rows -> {OUTPUT} "
        f"({OUTPUT.stat().st_size // 1024} KB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
