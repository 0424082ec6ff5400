"""What an export holds: the people the user may see (and has filtered), in the template's columns.

The columns, their order, their cells (a title word, a status label, a place's name) and which stay text in Excel
come from the roster's `Column` declarations (rosters.columns), so an exported file can be corrected and imported
again, and a new column appears here without being typed again. National IDs are masked unless the user may see
them in full.

An export is the import's format, so it is written in Thai whatever the page's language: headers and cells (a
gender, a tier, a status) are the Thai words the import reads, and a file exported from an English page imports back.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import QuerySet
from django.utils import translation

from accounts import scope
from core import search, thai
from core.provinces import requested_province
from mentors.models import Mentor
from provinces.models import Province
from rosters.access import may_see_full_ids
from rosters.columns import MENTORS, SPECS, VOLUNTEERS, RosterSpec
from rosters.writers import csv_stream, display_value, write_xlsx, xlsx_value
from volunteers.filters import VolunteerFilterForm
from volunteers.models import Volunteer

EXPORT_BATCH = 2000


@dataclass
class ExportTable:
    kind: str
    headers: list[str]
    queryset: QuerySet
    row: Callable[[tuple], list]  # values tuple -> list of cells
    fields: list[str]
    province: Province | None
    masked: bool
    filters: dict = field(default_factory=dict)
    text_columns: set[int] = field(default_factory=set)
    count: int = 0

    def rows(self, cell=display_value):
        """The cells in Thai (the module's docstring), a batch at a time: the .csv is streamed after the view has
        returned, and the language is switched only while a batch is written, never left switched between rows
        handed out (nor switched once a row: 100,000 rows)."""
        values = self.queryset.values_list(*self.fields).iterator(chunk_size=EXPORT_BATCH)
        while batch := list(islice(values, EXPORT_BATCH)):
            with translation.override("th"):
                rows = [[cell(v) for v in self.row(record)] for record in batch]
            yield from rows

    def xlsx(self) -> bytes:
        # Dates stay dates here (shown in พ.ศ. by the cell format), so Excel and LibreOffice sort and filter them.
        return write_xlsx(self.headers, self.rows(xlsx_value), text_columns=self.text_columns)

    def csv(self):
        return csv_stream(self.headers, self.rows())


def export_table(*, spec: RosterSpec, queryset, masked: bool, **details) -> ExportTable:
    """An export of `queryset` in the spec's export columns: one query for the values, each column shown as declared."""
    columns = spec.export_columns
    fields = [path for column in columns for path in column.export_fields]
    shown = []
    start = 0
    for column in columns:
        width = len(column.export_fields)
        shown.append((column.show, start, start + width, masked and column.masked))
        start += width
    mask = thai.mask_national_id

    def row(values):
        cells = []
        for show, begin, end, hide in shown:
            value = show(*values[begin:end])
            cells.append(mask(value) if hide and value else value)
        return cells

    with translation.override("th"):
        headers = [str(column.header) for column in columns]
    return ExportTable(
        kind=spec.kind,
        headers=headers,
        queryset=queryset,
        row=row,
        fields=fields,
        masked=masked,
        text_columns={index for index, column in enumerate(columns) if column.is_text},
        count=queryset.count(),
        **details,
    )


def _filters(request) -> dict:
    params = search.search_params(request)
    return {key: value for key, value in params.items() if value and key not in {"page", "format", "per_page"}}


def volunteer_export(request) -> ExportTable:
    """The volunteer list exactly as the registry page shows it for these filters, in the same order."""
    form = VolunteerFilterForm(search.search_params(request), user=request.user)
    return export_table(
        spec=SPECS[VOLUNTEERS],
        queryset=form.filter(Volunteer.objects.visible_to(request.user)),
        masked=not may_see_full_ids(request.user),
        province=form.selected_province,
        filters=_filters(request),
    )


def mentor_export(request) -> ExportTable:
    queryset = Mentor.objects.visible_to(request.user).select_related(None)
    code = request.GET.get("province")
    if code and scope.is_national(request.user):
        queryset = queryset.filter(province__code=code)
    if request.GET.get("active") in {"1", "0"}:
        queryset = queryset.filter(is_active=request.GET["active"] == "1")
    return export_table(
        spec=SPECS[MENTORS],
        queryset=queryset.order_by("province__code", "first_name_sort", "last_name_sort", "pk"),
        masked=not may_see_full_ids(request.user),
        province=requested_province(request.user, code),
        filters=_filters(request),
    )
