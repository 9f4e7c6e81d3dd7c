"""Run ``grc clean`` on a corpus of hostile files and report, for each, wall time, peak memory, exit code and the
first line on stderr (issue 13: each must end within 60 s and 3 GB, with exit code 0 or 3 and one line).

The corpus is built in a temporary folder (a few MB on disk; ``grc_toolkit.testing.hostile``) plus the legacy
.xls, .ods and password-protected .xlsx of ``tests/fixtures``:

    python benchmarks/hardening.py                   # the whole corpus, default output (FILE-clean.xlsx)
    python benchmarks/hardening.py --only bomb ods   # the files whose name holds one of these words
    python benchmarks/hardening.py --keep DOSSIER    # build the corpus there and keep it

Each file runs in its own ``grc clean`` process (``--no-history -q``); its peak memory comes from ``os.wait4``,
for that process alone. A run past ``--timeout`` (120 s) is killed and counted as such.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grc_toolkit.testing import hostile  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
LIMIT_SECONDS, LIMIT_MB = 60, 3 * 1024
_MAIN = "from grc_toolkit.commands import main; import sys; sys.argv = ['grc', *sys.argv[1:]]; main()"


def _copy(name: str) -> Callable[[Path], object]:
    return lambda path: shutil.copy(FIXTURES / name, path)


def _mixed_encodings(path: Path) -> None:
    lines = [f"Dupont{n};Hélène;helene{n}@exemple.fr".encode("utf-8" if n % 2 else "cp1252") for n in range(5000)]
    path.write_bytes(b"Nom;Pr\xc3\xa9nom;Email\n" + b"\n".join(lines) + b"\n")


def _bomless_utf16(path: Path) -> None:
    rows = ["Nom;Prénom;Email"] + [f"Martin{n};Zoë;zoe{n}@exemple.fr" for n in range(5000)]
    path.write_bytes("\n".join(rows).encode("utf-16-le"))


def _utf32(path: Path) -> None:
    rows = ["Nom;Email"] + [f"Çelik{n};c{n}@exemple.fr" for n in range(2000)]
    path.write_bytes("\n".join(rows).encode("utf-32"))


def _ebcdic(path: Path) -> None:
    rows = ["Nom;Email"] + [f"Durand{n};d{n}@exemple.fr" for n in range(2000)]
    path.write_bytes("\n".join(rows).encode("cp500"))


def _wide_workbook(path: Path) -> None:
    import pandas as pd

    from grc_toolkit.io import read_table

    csv = hostile.wide_csv(path.with_suffix(".tmp.csv"), columns=300, rows=3000)
    frame = read_table(csv).frame
    csv.unlink()
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        frame.to_excel(writer, index=False, sheet_name="Contacts")


CORPUS: dict[str, Callable[[Path], object]] = {
    "bomb-1.4GB-unzipped.xlsx": lambda path: hostile.zip_bomb_xlsx(path, 1_400_000_000),
    "bomb-numbered-3M-rows.xlsx": lambda path: hostile.zip_bomb_xlsx(path, 400_000_000, references=True),
    "bomb-lying-sizes.xlsx": lambda path: hostile.lying_size_xlsx(path, 300_000_000),
    "sparse-XFD1048576.xlsx": hostile.sparse_xlsx,
    "sparse-AN1000000-at-bound.xlsx": lambda path: hostile.sparse_xlsx(path, "AN1000000"),
    "entities-billion-laughs.xlsx": hostile.entity_xlsx,
    "many-parts.xlsx": hostile.many_parts_zip,
    "ods-1M-rows-90-columns.ods": hostile.repeated_ods,
    "ods-1M-rows-30-columns.ods": lambda path: hostile.repeated_ods(path, 1_000_000, 30),
    "columns-300.csv": lambda path: hostile.wide_csv(path, columns=300, rows=3000),
    "columns-300.xlsx": _wide_workbook,
    "nul-bytes.csv": lambda path: hostile.nul_bytes_csv(path, rows=5000),
    "binary-junk.csv": hostile.binary_junk,
    "binary-junk.xlsx": hostile.binary_junk,
    "huge-cell-50MB.csv": hostile.huge_cell_csv,
    "huge-cell-200MB.csv": lambda path: hostile.huge_cell_csv(path, 200),
    "one-column-1M-lines.csv": hostile.one_column_csv,
    "deep-quotes.csv": hostile.deep_quotes_csv,
    "encodings-mixed.csv": _mixed_encodings,
    "encoding-utf16-no-bom.csv": _bomless_utf16,
    "encoding-utf32.csv": _utf32,
    "encoding-ebcdic.csv": _ebcdic,
    "legacy.xls": _copy("good/legacy.xls"),
    "calc.ods": _copy("good/calc.ods"),
    "password.xlsx": _copy("bad/password.xlsx"),
    "truncated.xlsx": _copy("bad/truncated.xlsx"),
}


def run_one(path: Path, timeout: float) -> tuple[float, float, str, str]:
    """(seconds, peak MB, exit code or "killed", first stderr line) of ``grc clean path``, measured by
    ``/usr/bin/time`` (a child's peak memory counted by this process would include this process's own, which
    a forked child inherits)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "fr_FR.UTF-8", "LC_ALL": ""}
    err, timing = path.with_name(path.name + ".stderr"), path.with_name(path.name + ".time")
    command = [sys.executable, "-c", _MAIN, "clean", str(path), "--no-history", "-q", "--force"]
    with err.open("w") as handle:
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%e %M", "-o", str(timing), *command],
            stdout=subprocess.DEVNULL,
            stderr=handle,
            env=env,
            start_new_session=True,
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    killed = process.returncode < 0 or "signal" in timing.read_text()
    seconds, peak_kb = timing.read_text().split()[-2:] if not killed else (str(timeout), "0")
    code = "killed" if killed else str(process.returncode)
    lines = [line for line in err.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if len(lines) > 1:
        first += f"  [+{len(lines) - 1} lines]"
    return float(seconds), int(peak_kb) / 1024, code, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="words: run only the files whose name holds one")
    parser.add_argument("--keep", type=Path, help="build the corpus in this folder and keep it")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="grc-hardening-"))
    folder.mkdir(parents=True, exist_ok=True)
    failures = 0
    print("| File | On disk | Time (s) | Peak (MB) | Exit | First line on stderr |\n|---|---|---|---|---|---|")
    try:
        for name, build in CORPUS.items():
            if args.only and not any(word in name for word in args.only):
                continue
            path = folder / name
            build(path)
            size = path.stat().st_size
            seconds, peak, code, first = run_one(path, args.timeout)
            ok = seconds <= LIMIT_SECONDS and peak <= LIMIT_MB and code in ("0", "3") and "[+" not in first
            failures += not ok
            shown = f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.1f} kB"
            mark = "" if ok else " ✗"
            print(f"| {name} | {shown} | {seconds:.1f}{mark} | {peak:.0f} | {code} | {first[:150]} |", flush=True)
            for produced in folder.glob(f"{path.stem}-clean.*"):
                produced.unlink()
            if not args.keep:
                path.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\n{failures} file(s) past {LIMIT_SECONDS} s, {LIMIT_MB} MB, or without exit code 0/3 and one line")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
