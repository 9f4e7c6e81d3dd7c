"""``grc audit --html``: one self-contained page a coordinator can email and print.

Everything is in the page: the CSS inline, the charts inline SVG drawn here, the system's fonts; no script, no
image, no font or style sheet fetched, not even a link, so it opens the same offline, in a mail client or
printed on A4. Every value written into the page goes through :func:`html.escape` (an office's name is text,
never markup).

    page = audit_html(audit.to_dict(), history.read(), lang="fr")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from html import escape
from typing import Any

import pandas as pd

from grc_toolkit.present.labels import DIMENSIONS, PAGE_LABELS, word
from grc_toolkit.present.quality import dimension_label, problem_text
from grc_toolkit.present.workbook import one_decimal
from grc_toolkit.results import QualityProblem

GRADE_COLOURS = {"A": "#1b7f3b", "B": "#5aa33f", "C": "#d6a21c", "D": "#e0702a", "E": "#c62828"}
#: Lines of the trend chart, told apart in colour and, printed in black and white, by their dash.
LINE_STYLES = [
    ("#1f5fa8", ""),
    ("#c0392b", "6 3"),
    ("#2e8b57", "2 3"),
    ("#8e44ad", "8 3 2 3"),
    ("#d35400", ""),
    ("#16a085", "6 3"),
    ("#7f8c8d", "2 3"),
    ("#b7950b", "8 3 2 3"),
]
WIDTH = 760  # the charts' drawing width; they scale to the page (A4 printable width is about 680 px)
TOP_PROBLEMS = 3

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d232a;margin:2rem auto;
max-width:60rem;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin:0 0 .2rem}
h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
.date{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #d0d7de;padding:.25rem .35rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.grade{display:inline-block;min-width:1.6em;text-align:center;font-weight:700;color:#fff;border-radius:.25em;
padding:0 .3em}
td.problems{background:#fbfcfd;font-size:.85rem}
ul.problems{margin:.1rem 0 0;padding-left:1.1em}
tbody.office{break-inside:avoid;page-break-inside:avoid}
th[scope=row]{background:none;font-weight:600}
figure{margin:0 0 1rem}
svg{width:100%;height:auto;font-family:inherit}
svg text{font-size:12px;fill:#1d232a}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.85rem;margin:.3rem 0 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:.4rem}
svg.swatch{width:24px;height:8px;flex:none}
.note{color:#57606a;font-size:.9rem}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4;margin:12mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}
figure,svg,tr,.chart{break-inside:avoid;page-break-inside:avoid}}
"""


def audit_html(
    audit: Mapping[str, Any], history: pd.DataFrame | None = None, lang: str = "fr", *, made_on: date | None = None
) -> str:
    """The page of an audit (``Audit.to_dict()``: ``files``, ``overlap``), with the history's trend when given.

    ``history`` is a :func:`grc_toolkit.history.read` frame; ``made_on`` the date in the title (today)."""
    files = list(audit.get("files") or [])
    title = word(PAGE_LABELS["title"], lang)
    dates = sorted({str(file["as_of"]) for file in files if file.get("as_of")})
    subtitle = word(PAGE_LABELS["made_on"], lang).format(date=(made_on or date.today()).isoformat())
    if dates:
        subtitle += " · " + word(PAGE_LABELS["as_of"], lang).format(date=", ".join(dates))
    sections = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="date">{_e(subtitle)}</p>',
        _section("offices", _office_table(files, lang), lang),
        _section("score_chart", _score_chart(files, lang), lang),
        _section("dimension_chart", _dimension_chart(files, lang), lang),
        _section("overlap", _overlap_table(audit.get("overlap") or {}, files, lang), lang),
        _section("trend_chart", _trend_chart(history, [_office(file) for file in files], lang), lang),
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(sections) + "\n</body>\n</html>\n"
    )


def _section(key: str, body: str, lang: str) -> str:
    return f'<section class="chart">\n<h2>{_e(word(PAGE_LABELS[key], lang))}</h2>\n{body}\n</section>'


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _office(file: Mapping[str, Any]) -> str:
    return str(file.get("office") or file.get("file") or "")


def _number(value: Any, lang: str) -> str:
    if value is None:
        return "—"
    return one_decimal(float(value), lang)


def _count(value: Any, lang: str) -> str:
    text = f"{int(value):,}"
    return text if lang == "en" else text.replace(",", "\u202f")


def _grade(grade: Any) -> str:
    colour = GRADE_COLOURS.get(str(grade), "#57606a")
    return f'<span class="grade" style="background:{colour}">{_e(grade or "—")}</span>'


# --- the table --------------------------------------------------------------------------------------------


def _office_table(files: Sequence[Mapping[str, Any]], lang: str) -> str:
    """One row per office (its file under its name), then its main problems on a full-width row."""
    heads = ["office", "grade", "score", "rows", "people"]
    header = "".join(f"<th>{_e(word(PAGE_LABELS[key], lang))}</th>" for key in heads)
    header += "".join(f"<th>{_e(dimension_label(name, lang))}</th>" for name in DIMENSIONS)
    problems_label = _e(word(PAGE_LABELS["problems"], lang))
    lines = []
    for file in files:
        dimensions = file.get("dimensions") or {}
        cells = [
            f'<th scope="row">{_e(_office(file))}<br><span class="note">{_e(file.get("file") or "")}</span></th>',
            f"<td>{_grade(file.get('grade'))}</td>",
            f'<td class="n">{_number(file.get("score"), lang)}</td>',
            f'<td class="n">{_count(file.get("rows") or 0, lang)}</td>',
            f'<td class="n">{_count(file.get("people") or 0, lang)}</td>',
            *(f'<td class="n">{_number(dimensions.get(name), lang)}</td>' for name in DIMENSIONS),
        ]
        lines.append('<tbody class="office"><tr>' + "".join(cells) + "</tr>")
        span = len(heads) + len(DIMENSIONS)
        lines.append(
            f'<tr><td colspan="{span}" class="problems"><strong>{problems_label}</strong> '
            f"{_problems(file, lang)}</td></tr></tbody>"
        )
    return f"<table>\n<thead><tr>{header}</tr></thead>\n" + "\n".join(lines) + "\n</table>"


def _problems(file: Mapping[str, Any], lang: str) -> str:
    problems = list(file.get("problems") or [])[:TOP_PROBLEMS]
    if not problems:
        return _e(word(PAGE_LABELS["no_problem"], lang))
    years = int(file.get("retention_years") or 3)
    names = QualityProblem.__dataclass_fields__
    items = []
    for problem in problems:
        found = QualityProblem(**{key: value for key, value in problem.items() if key in names})
        items.append(f"<li>{_e(problem_text(found, lang, retention_years=years))}</li>")
    return '<ul class="problems">' + "".join(items) + "</ul>"


# --- the charts -------------------------------------------------------------------------------------------


def _svg(height: int, label: str, body: Sequence[str]) -> str:
    return (
        f'<figure><svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{_e(label)}">'
        f"<title>{_e(label)}</title>\n" + "\n".join(body) + "\n</svg></figure>"
    )


def _score_chart(files: Sequence[Mapping[str, Any]], lang: str) -> str:
    """One horizontal bar per office, its length the score, its colour the grade."""
    left, right, bar, gap, top = 210, 60, 22, 8, 10
    span = WIDTH - left - right
    height = top + len(files) * (bar + gap) + 24
    body = []
    for tick in (0, 25, 50, 75, 100):
        x = left + span * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 20}" stroke="#d0d7de"/>')
        body.append(f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick}</text>')
    for index, file in enumerate(files):
        y = top + index * (bar + gap)
        score = float(file.get("score") or 0)
        colour = GRADE_COLOURS.get(str(file.get("grade")), "#57606a")
        body.append(
            f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end">{_e(_short(_office(file)))}</text>'
        )
        body.append(
            f'<rect class="bar" x="{left}" y="{y}" width="{span * score / 100:.1f}" height="{bar}" fill="{colour}">'
            f"<title>{_e(_office(file))} : {_number(score, lang)}</title></rect>"
        )
        label = f"{_number(score, lang)} ({_e(file.get('grade') or '—')})"
        body.append(f'<text x="{left + span * score / 100 + 6:.1f}" y="{y + bar * 0.7:.1f}">{label}</text>')
    return _svg(height, word(PAGE_LABELS["score_chart"], lang), body)


def _dimension_chart(files: Sequence[Mapping[str, Any]], lang: str) -> str:
    """A heat map: one row per office, one column per dimension, red (0) to green (100), the value written in."""
    left, top, row = 210, 40, 26
    column = (WIDTH - left) / len(DIMENSIONS)
    height = top + len(files) * row + 6
    body = []
    for index, name in enumerate(DIMENSIONS):
        first, _, second = dimension_label(name, lang).partition(" ")  # "Consentement connu": two lines
        x = left + column * (index + 0.5)
        body.append(
            f'<text x="{x:.1f}" y="{top - (22 if second else 10)}" text-anchor="middle">{_e(first)}'
            + (f'<tspan x="{x:.1f}" dy="14">{_e(second)}</tspan>' if second else "")
            + "</text>"
        )
    for line, file in enumerate(files):
        y = top + line * row
        body.append(
            f'<text x="{left - 8}" y="{y + row * 0.65:.1f}" text-anchor="end">{_e(_short(_office(file)))}</text>'
        )
        dimensions = file.get("dimensions") or {}
        for index, name in enumerate(DIMENSIONS):
            value = dimensions.get(name)
            x = left + column * index
            fill = "#eeeeee" if value is None else f"hsl({1.2 * float(value):.0f},62%,72%)"
            body.append(
                f'<rect class="cell" x="{x + 1:.1f}" y="{y + 1}" width="{column - 2:.1f}" height="{row - 2}" '
                f'fill="{fill}"/>'
            )
            body.append(
                f'<text x="{x + column / 2:.1f}" y="{y + row * 0.65:.1f}" text-anchor="middle">'
                f"{_number(value, lang)}</text>"
            )
    return _svg(height, word(PAGE_LABELS["dimension_chart"], lang), body)


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


# --- the overlap ------------------------------------------------------------------------------------------


def _overlap_table(overlap: Mapping[str, Any], files: Sequence[Mapping[str, Any]], lang: str) -> str:
    """The offices against each other: people in both; on the diagonal, each office's own people."""
    offices = [str(name) for name in overlap.get("offices") or []]
    if len(offices) < 2:
        return f'<p class="note">{_e(word(PAGE_LABELS["no_overlap"], lang))}</p>'
    shared: dict[frozenset[str], int] = {}
    for pair in overlap.get("pairs") or []:
        a, b = pair["offices"] if "offices" in pair else (pair["a"], pair["b"])  # grc audit's shape, or a/b
        shared[frozenset((str(a), str(b)))] = int(pair["people"])
    own = {_office(file): file.get("people") for file in files}
    header = "<th></th>" + "".join(f"<th>{_e(office)}</th>" for office in offices)
    lines = []
    for a in offices:
        cells = []
        for b in offices:
            value = own.get(a) if a == b else shared.get(frozenset((a, b)), 0)
            text = "—" if value is None else _count(value, lang)
            style = ' style="background:#f3f5f7;font-weight:600"' if a == b else ""
            cells.append(f'<td class="n"{style}>{text}</td>')
        lines.append(f"<tr><th>{_e(a)}</th>{''.join(cells)}</tr>")
    more = word(PAGE_LABELS["three_or_more"], lang).format(count=_count(overlap.get("three_or_more") or 0, lang))
    return (
        f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n"
        + "\n".join(lines)
        + f'\n</tbody>\n</table>\n<p class="note">{_e(more)}</p>'
    )


# --- the trend --------------------------------------------------------------------------------------------


def _trend_chart(history: pd.DataFrame | None, offices: Sequence[str], lang: str) -> str:
    """Each office's score over its runs: one line per office, dates along, 0-100 up."""
    series = _series(history, offices)
    if not series or max(len(points) for points in series.values()) < 2:
        return f'<p class="note">{_e(word(PAGE_LABELS["no_history"], lang))}</p>'
    left, right, top, bottom, height = 40, 20, 10, 30, 300
    span_x, span_y = WIDTH - left - right, height - top - bottom
    moments = [moment for points in series.values() for moment, _ in points]
    first, last = min(moments), max(moments)
    length = (last - first).total_seconds() or 1.0

    def x_of(moment: datetime) -> float:
        return left + span_x * ((moment - first).total_seconds() / length if last > first else 0.5)

    def y_of(score: float) -> float:
        return top + span_y * (1 - score / 100)

    body = []
    for tick in (0, 25, 50, 75, 100):
        body.append(
            f'<line x1="{left}" y1="{y_of(tick):.1f}" x2="{WIDTH - right}" y2="{y_of(tick):.1f}" stroke="#d0d7de"/>'
        )
        body.append(f'<text x="{left - 6}" y="{y_of(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    for moment, anchor in ((first, "start"), (last, "end")):
        body.append(f'<text x="{x_of(moment):.1f}" y="{height - 8}" text-anchor="{anchor}">{moment.date()}</text>')
    legend = []
    for index, (office, points) in enumerate(series.items()):
        colour, dash = LINE_STYLES[index % len(LINE_STYLES)]
        coordinates = " ".join(f"{x_of(moment):.1f},{y_of(score):.1f}" for moment, score in points)
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<polyline class="trend" points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2.5"{dashes}>'
            f"<title>{_e(office)}</title></polyline>"
        )
        for moment, score in points:
            body.append(
                f'<circle cx="{x_of(moment):.1f}" cy="{y_of(score):.1f}" r="3.5" fill="{colour}">'
                f"<title>{_e(office)} {moment.date()} : {_number(score, lang)}</title></circle>"
            )
        swatch = (
            f'<svg class="swatch" viewBox="0 0 24 8" width="24" height="8">'
            f'<line x1="0" y1="4" x2="24" y2="4" stroke="{colour}" stroke-width="3"{dashes}/></svg>'
        )
        legend.append(f"<li>{swatch} {_e(office)}</li>")
    chart = _svg(height, word(PAGE_LABELS["trend_chart"], lang), body)
    return chart + '\n<ul class="legend">' + "".join(legend) + "</ul>"


def _series(history: pd.DataFrame | None, offices: Sequence[str]) -> dict[str, list[tuple[datetime, float]]]:
    """Scored runs by office: the audit's offices when the history knows them, else every office."""
    if history is None or history.empty:
        return {}
    scored = history[history["score"].notna()]
    wanted = set(offices) & set(scored["office"])
    if wanted:
        scored = scored[scored["office"].isin(wanted)]
    series: dict[str, list[tuple[datetime, float]]] = {}
    for office, moment, score in zip(scored["office"], scored["run_at"], scored["score"], strict=True):
        series.setdefault(str(office), []).append((datetime.fromisoformat(str(moment)), float(score)))
    return {office: sorted(points) for office, points in sorted(series.items())}
