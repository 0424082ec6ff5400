"""The map of Thailand's provinces from the vendored @svg-maps/thailand (CC BY 4.0, MapSVG), read once per process,
and the colour classes of each map measure, worked out here so the legend and the script agree."""

import json
import math
import re
from bisect import bisect_right
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext

MAP_FILE = settings.BASE_DIR / "static" / "vendor" / "svg-maps-thailand" / "index.js"

# Sequential blues, light to dark, so that "more" reads as "darker" in colour and in greyscale print.
PALETTE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
CLASSES = len(PALETTE)
# Percentages are cut at the same points every year, so a colour keeps its meaning from one year to the next.
PERCENT_BREAKS = [20.0, 40.0, 60.0, 80.0]
# Provinces without data: the hatched grey <pattern> in the map's <defs> (templates/reports/dashboard.html).
NO_DATA = "url(#map-no-data)"

# measure -> (legend title with its unit, whether it is a percentage); the others are head counts.
MEASURES = {
    "coverage": (gettext_lazy("ความครอบคลุมตำบล/แขวง (%)"), True),
    "quota_coverage": (gettext_lazy("ความครอบคลุมตามโควตา (%)"), True),
    "vacancies": (gettext_lazy("ตำแหน่งว่าง (คน)"), False),
    "active": (gettext_lazy("อสร. ปฏิบัติหน้าที่ (คน)"), False),
    "mentors": (gettext_lazy("พี่เลี้ยงที่ปฏิบัติหน้าที่ (คน)"), False),
    "attendance_rate": (gettext_lazy("อัตราเข้าร่วมเทียบเป้าหมาย (%)"), True),
    # Reports received of expected in the fiscal year (activity.board's definition; months not yet due left out).
    "reporting_rate": (gettext_lazy("อัตราการส่งรายงาน (%)"), True),
}


# Points closer than this to the line through their neighbours are dropped, and the rest rounded to 0.1: a map unit
# is about 0.7 px on the dashboard, so the outline moves by under 0.4 px while the map's share of the page falls from
# 52 KB to 23 KB gzipped (a provincial office's link carries about 200 KB a second).
SIMPLIFY_TOLERANCE = 0.5


@lru_cache(maxsize=1)
def map_shapes() -> dict:
    """{"view_box": ..., "shapes": [{"id", "name", "path"}]} with the paths simplified and escaped for HTML."""
    text = MAP_FILE.read_text(encoding="utf-8").strip()
    data = json.loads(text.removeprefix("export default").strip().rstrip(";"))
    return {
        "view_box": data["viewBox"],
        "shapes": [
            {"id": s["id"], "name": s["name"], "path": escape(simplified_path(s["path"]))} for s in data["locations"]
        ],
    }


def simplified_path(path: str, tolerance: float = SIMPLIFY_TOLERANCE) -> str:
    """The map's paths ("m x,y dx,dy ... z", relative moves and lines only) with fewer points, one decimal each."""
    rings = []
    x = y = 0.0
    for command, body in re.findall(r"([mMzZ])([^mMzZ]*)", path):
        if command in "zZ":
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", body)]
        pairs = list(zip(numbers[0::2], numbers[1::2], strict=False))
        if not pairs:
            continue
        # The first pair of a relative "m" moves from the end of the previous ring; the others are lines.
        x, y = (x + pairs[0][0], y + pairs[0][1]) if command == "m" else pairs[0]
        ring = [(x, y)]
        for dx, dy in pairs[1:]:
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(_douglas_peucker(ring, tolerance))
    parts = []
    previous = (0.0, 0.0)
    for ring in rings:
        # Relative steps between rounded points, so rounding never adds up along a ring.
        rounded = [(round(px, 1), round(py, 1)) for px, py in ring]
        steps = [(rounded[0][0] - previous[0], rounded[0][1] - previous[1])]
        steps += [(b[0] - a[0], b[1] - a[1]) for a, b in zip(rounded, rounded[1:], strict=False)]
        parts.append("m" + " ".join(f"{_short(dx)},{_short(dy)}" for dx, dy in steps) + "z")
        previous = rounded[0]
    return "".join(parts)


def _short(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


def _douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def class_breaks(values: list[float | None], *, percent: bool) -> list[float]:
    """The lowest value of each class after the first, ascending (None is "no data" and takes no part).

    Percentages: fixed breaks at 20, 40, 60 and 80, five classes whatever the year's figures. Head counts: the
    distinct values split into five groups of (nearly) equal size, quintiles that never split a tie, so that 70
    provinces at 0 make one class and the others still spread over four; fewer distinct values, fewer classes."""
    if percent:
        return list(PERCENT_BREAKS)
    distinct = sorted({v for v in values if v is not None})
    classes = min(CLASSES, len(distinct))
    return [distinct[k * len(distinct) // classes] for k in range(1, classes)]


def class_of(value: float | None, breaks: list[float]) -> int | None:
    """0 for the lowest class up to len(breaks) for the highest; None for no data."""
    return None if value is None else bisect_right(breaks, value)


def class_colours(classes: int) -> list[str]:
    """Fewer than five classes still run from the lightest blue to the darkest; a single class is the middle one."""
    if classes == 1:
        return [PALETTE[CLASSES // 2]]
    return [PALETTE[round(k * (CLASSES - 1) / (classes - 1))] for k in range(classes)]


def class_labels(breaks: list[float], *, percent: bool, lowest: float = 0) -> list[str]:
    """Contiguous ranges with their unit, from 0 % or the lowest head count: "0–19.9 %" … "80 % ขึ้นไป";
    "0–8 คน", "9 คน" … "51 คน ขึ้นไป"."""

    def unit(count):
        # "1 person", "2 people" in English; Thai has no plural.
        return "%" if percent else npgettext("head count", "คน", "คน", int(count))

    step = 0.1 if percent else 1  # percentages are rounded to one decimal, head counts are whole

    def show(value):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"

    lows = [0 if percent else lowest, *breaks]
    labels = []
    for low, next_low in zip(lows, breaks, strict=False):
        high = round(next_low - step, 1)
        labels.append(f"{show(low)} {unit(low)}" if high <= low else f"{show(low)}–{show(high)} {unit(high)}")
    labels.append(_("%(value)s %(unit)s ขึ้นไป") % {"value": show(lows[-1]), "unit": unit(lows[-1])})
    return labels


def measure_layer(values: dict[str, float | None], *, percent: bool) -> dict:
    """One measure's class per province code, its colours and its legend ([{"colour", "label"}], no data last)."""
    breaks = class_breaks(list(values.values()), percent=percent)
    present = [v for v in values.values() if v is not None]
    # A head count nobody has has no classes at all; a percentage always shows its fixed scale.
    colours = class_colours(len(breaks) + 1) if percent or present else []
    labels = class_labels(breaks, percent=percent, lowest=min(present, default=0)) if colours else []
    legend = [{"colour": c, "label": label} for c, label in zip(colours, labels, strict=True)]
    if len(present) < len(values):
        legend.append({"colour": NO_DATA, "label": _("ไม่มีข้อมูล"), "no_data": True})
    return {
        "classes": {code: class_of(v, breaks) for code, v in values.items()},
        "colours": colours,
        "no_data": NO_DATA,
        "legend": legend,
    }


def map_layers(rows: list[dict], measures: list[str]) -> dict:
    """The shapes with their province row and first-measure fill; per measure its legend, and for the page's script
    (as JSON) each province's class and the class colours."""
    layers = {}
    for measure in measures:
        title, percent = MEASURES[measure]
        layers[measure] = {"title": str(title)} | measure_layer({r["code"]: r[measure] for r in rows}, percent=percent)
    first = layers[measures[0]]
    by_map_code = {r["map_code"]: r for r in rows if r.get("map_code")}
    shapes = []
    for shape in map_shapes()["shapes"]:
        row = by_map_code.get(shape["id"])
        k = first["classes"][row["code"]] if row else None
        shapes.append({**shape, "row": row, "fill": NO_DATA if k is None else first["colours"][k]})
    return {
        "view_box": map_shapes()["view_box"],
        "shapes": shapes,
        "legends": {m: {"title": layer["title"], "items": layer["legend"]} for m, layer in layers.items()},
        "script": {m: {k: layer[k] for k in ("classes", "colours", "no_data")} for m, layer in layers.items()},
    }
