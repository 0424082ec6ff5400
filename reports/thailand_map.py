"""The map of Thailand's provinces from the vendored @svg-maps/thailand (CC BY 4.0, MapSVG), read once per process."""

import json
from functools import lru_cache

from django.conf import settings
from django.utils.html import escape

MAP_FILE = settings.BASE_DIR / "static" / "vendor" / "svg-maps-thailand" / "index.js"

# Sequential blues, light to dark, so that "more" reads as "darker" in colour and in greyscale print.
PALETTE = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#e9ecef"


@lru_cache(maxsize=1)
def map_shapes() -> dict:
    """{"view_box": ..., "shapes": [{"id", "name", "path"}]} with the paths already escaped for HTML."""
    text = MAP_FILE.read_text(encoding="utf-8").strip()
    data = json.loads(text.removeprefix("export default").strip().rstrip(";"))
    return {
        "view_box": data["viewBox"],
        "shapes": [{"id": s["id"], "name": s["name"], "path": escape(s["path"])} for s in data["locations"]],
    }


def colour_scale(values: list[float | None]) -> tuple[list[float], callable, list[str]]:
    """Up to five classes cut at the quantiles of the values present; ties collapse (many provinces may have 0).

    Returns the class breaks, a value -> colour function and the colour of each class, light to dark."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return [], lambda v: NO_DATA, []
    quantiles = [present[min(len(present) - 1, int(len(present) * q / len(PALETTE)))] for q in range(1, len(PALETTE))]
    breaks = sorted(set(quantiles))
    if present[-1] <= breaks[-1]:  # nothing above the last break: it would make an empty class
        breaks = breaks[:-1]
    classes = len(breaks) + 1
    step = (len(PALETTE) - 1) / (classes - 1) if classes > 1 else 0
    colours = [PALETTE[round(k * step) if classes > 1 else 2] for k in range(classes)]

    def colour(value):
        if value is None:
            return NO_DATA
        return colours[sum(value > b for b in breaks)]

    return breaks, colour, colours


def legend_items(breaks: list[float], colours: list[str]) -> list[dict]:
    """[{"colour", "label"}]: "≤ 40", "40 – 55", ..., "> 90"."""
    if not colours:
        return [{"colour": NO_DATA, "label": "–"}]
    if not breaks:
        return [{"colour": colours[0], "label": ""}]

    def show(value):
        return f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:,.0f}"

    labels = [f"≤ {show(breaks[0])}"]
    labels += [f"{show(low)} – {show(high)}" for low, high in zip(breaks, breaks[1:], strict=False)]
    labels.append(f"> {show(breaks[-1])}")
    return [{"colour": colour, "label": label} for colour, label in zip(colours, labels, strict=True)]


def map_layers(rows: list[dict], measures: list[str]) -> dict:
    """Per map id, the province row and one colour per measure; legends per measure."""
    by_map_code = {r["map_code"]: r for r in rows if r.get("map_code")}
    colours = {}
    legends = {}
    for measure in measures:
        breaks, colour, colours_of_classes = colour_scale([r[measure] for r in rows])
        legends[measure] = legend_items(breaks, colours_of_classes)
        colours[measure] = {code: colour(r[measure]) for code, r in by_map_code.items()}
    shapes = []
    for shape in map_shapes()["shapes"]:
        row = by_map_code.get(shape["id"])
        shapes.append(
            {
                **shape,
                "row": row,
                "colours": {m: colours[m].get(shape["id"], NO_DATA) for m in measures},
            }
        )
    return {"view_box": map_shapes()["view_box"], "shapes": shapes, "legends": legends, "palette": PALETTE}
