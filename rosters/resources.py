"""django-import-export resources: the admin site's import and export of rosters, on the staff import's engine.

django-import-export keeps what it does well for administrators: the import and export buttons, the upload, the
preview of each row and the confirm step, and a write row by row through the model's save (so history rows and the
audit log follow). What a file means comes from the staff import: the columns of rosters.columns (headers and the
variants people type) and rosters.validation's check (the same parsers, rules, place and agency matching from
dictionaries built once, repeated IDs, another province's people, the status lifecycle), run over the whole file in
`before_import`. A row the staff pages would refuse is refused here with the same message.

The staff pages import into the officer's own province; an administrator's file may hold several provinces, so
each row's province is worked out from its province, subdistrict or agency cell and each province's rows are
checked as that province's roster.
"""

import io
import logging
from collections import Counter

import pghistory
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.results import RowResult
from openpyxl import load_workbook

from core import audit
from core.xlsx import is_date, set_date
from provinces.models import Agency, Province, Subdistrict
from rosters import readers
from rosters.columns import MENTOR_SPEC, VOLUNTEER_SPEC, Column, RosterSpec
from rosters.pipeline import apply_status_steps, write_first_statuses, write_terms
from rosters.readers import RosterTable
from rosters.validation import MissingColumns, cell_text, classify, parse_roster, place_key
from rosters.writers import display_value, xlsx_value
from rosters.xlsx_stream import RosterFileError
from volunteers.models import Volunteer

logger = logging.getLogger(__name__)


class ColumnField(fields.Field):
    """A resource field for one roster column: exported as the staff pages' export shows it."""

    def __init__(self, column: Column):
        super().__init__(attribute=column.export_fields[0], column_name=column.header)
        self.roster_column = column

    def export(self, instance, **kwargs):
        values = [_follow(instance, path) for path in self.roster_column.export_fields]
        # Dates stay dates: the admin's .xlsx shows them in พ.ศ. as date cells, its .csv as พ.ศ. text (below).
        return xlsx_value(self.roster_column.show(*values))


class BuddhistXLSX(base_formats.XLSX):
    """The admin's .xlsx export with real date cells shown in พ.ศ., as every other workbook the portal writes."""

    def export_data(self, dataset, **kwargs):
        workbook = load_workbook(io.BytesIO(super().export_data(dataset, **kwargs)))
        for row in workbook.worksheets[0].iter_rows(min_row=2):
            for cell in row:
                if is_date(cell.value):
                    set_date(cell, cell.value)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


class BuddhistCSV(base_formats.CSV):
    """The admin's .csv export with dates as พ.ศ. text (09/03/2528), as the staff pages' .csv export writes them."""

    def export_data(self, dataset, **kwargs):
        shown = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            shown.append([display_value(value) for value in row])
        return super().export_data(shown, **kwargs)


EXPORT_FORMATS = [BuddhistXLSX, BuddhistCSV]


class PortalReadFormat:
    """An import format read by the staff import's reader (rosters.readers): the same checks of the file (size, real
    format, zip bomb, password), a CSV in UTF-8 or Windows-874/TIS-620 with its delimiter found, and a Thai
    RosterFileError for a file it cannot use. The first row is the header, as the admin's import has always read it;
    blank rows are kept where they are (the resource passes over them), so that rows keep the numbers Excel shows."""

    kind = ""

    def is_binary(self):
        return True  # the bytes as uploaded: the reader finds the CSV's encoding itself

    def get_read_mode(self):
        return "rb"

    def can_import(self):
        return True

    def can_export(self):
        return False

    def create_dataset(self, in_stream, **kwargs):
        data = in_stream if isinstance(in_stream, bytes) else in_stream.encode("utf-8")
        upload = SimpleUploadedFile(f"roster.{self.kind}", data)
        kind = readers.check_file(upload)
        _sheet, raw = readers.read_raw_rows(upload, kind, in_child=False)
        rows = list(raw)
        while rows and all(readers.is_blank(cell) for cell in rows[-1]):
            rows.pop()
        if not rows:
            raise RosterFileError(gettext("ไฟล์ว่างเปล่า ไม่มีข้อมูล"))
        if len(rows) == 1:
            raise RosterFileError(gettext("ไฟล์มีแต่หัวตาราง ไม่มีข้อมูลให้นำเข้า"))
        headers = ["" if cell is None else str(cell).strip() for cell in rows[0]]
        width = len(headers)
        dataset = tablib.Dataset(headers=headers)
        for row in rows[1:]:
            dataset.append((list(row) + [None] * width)[:width])
        return dataset


class ReadXLSX(PortalReadFormat, base_formats.XLSX):
    kind = readers.XLSX


class ReadXLS(PortalReadFormat, base_formats.XLS):
    kind = readers.XLS


class ReadODS(PortalReadFormat, base_formats.ODS):
    kind = readers.ODS

    def get_title(self):
        return "ods"

    def get_extension(self):
        return "ods"


class ReadCSV(PortalReadFormat, base_formats.CSV):
    kind = readers.CSV


# What the staff pages import (rosters.readers.ACCEPTED), and nothing else: tablib's HTML, YAML, JSON and TSV readers
# give tables the roster check cannot use (no header row, rows of lists).
IMPORT_FORMATS = [ReadXLSX, ReadCSV, ReadXLS, ReadODS]


def _follow(instance, path: str):
    for name in path.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, name, None)  # a new person has no subdistrict before the row is applied
    return instance


class ProvinceFinder:
    """Which province a row of an administrator's file belongs to, from its province, subdistrict or agency cell."""

    def __init__(self, spec: RosterSpec):
        self.province_by_key = {}
        self.province_names = []
        for pk, code, name in Province.objects.values_list("pk", "code", "name_th"):
            self.province_by_key[code] = pk
            self.province_by_key[place_key(name)] = pk
            self.province_names.append((place_key(name), pk))
        self.by_sub_code: dict[str, int] = {}
        self.by_sub_name: dict[str, set[int]] = {}
        self.by_sub_and_district: dict[tuple[str, str], set[int]] = {}
        if "subdistrict" in {c.key for c in spec.columns}:
            for code, name, district, province_id in Subdistrict.objects.values_list(
                "code", "name_th", "district__name_th", "province_id"
            ):
                self.by_sub_code[code] = province_id
                self.by_sub_name.setdefault(place_key(name), set()).add(province_id)
                self.by_sub_and_district.setdefault((place_key(name), place_key(district)), set()).add(province_id)
        self.by_agency = {}
        if "agency" in {c.key for c in spec.columns}:
            self.by_agency = {place_key(name): pk for name, pk in Agency.objects.values_list("name_th", "province_id")}

    def province_of(self, row: list, positions: dict[str, int]) -> int | None:
        def text(key):
            index = positions.get(key)
            return cell_text(row[index]) if index is not None else ""

        named = text("province")
        if named:
            return self.province_by_key.get(place_key(named))
        subdistrict = text("subdistrict")
        if subdistrict:
            if subdistrict.isdigit():
                return self.by_sub_code.get(subdistrict)
            district = text("district")
            key = place_key(subdistrict)
            found = self.by_sub_and_district.get((key, place_key(district))) if district else None
            found = found or self.by_sub_name.get(key) or set()
            return next(iter(found)) if len(found) == 1 else None
        agency = text("agency")
        if agency:
            key = place_key(agency)
            if key in self.by_agency:
                return self.by_agency[key]
            # "สำนักงานแรงงานจังหวัดลำปาง": the longest province name the text holds.
            inside = [(len(name), pk) for name, pk in self.province_names if name and name in key]
            return max(inside)[1] if inside else None
        return None


class RosterResource(resources.ModelResource):
    """Checks the whole dataset with the staff import's engine before django-import-export goes row by row."""

    spec: RosterSpec
    audit_kind = ""
    file_error: str = gettext_lazy("ตรวจสอบไฟล์ไม่สำเร็จ")  # type: ignore[assignment]

    def import_data(self, dataset, dry_run=False, raise_errors=False, *args, **kwargs):
        # The admin's import is tagged in every history row, like the staff pages' imports.
        with pghistory.context(source="admin_import", import_file=kwargs.get("file_name") or ""):
            result = super().import_data(dataset, dry_run, raise_errors, *args, **kwargs)
        user = kwargs.get("user")
        if not dry_run and not result.has_errors() and user is not None:
            totals = result.totals
            audit.record(
                "import",
                user=user,
                rows=totals.get("new", 0) + totals.get("update", 0),
                file=kwargs.get("file_name") or "",
                kind=self.audit_kind,
                source="admin",
            )
        return result

    def before_import(self, dataset, **kwargs):
        """Check every row as the staff pages would (per province), keeping each row's values or its messages."""
        super().before_import(dataset, **kwargs)
        self.row_values, self.row_problems, self.unchanged, self.known, self.related = {}, {}, set(), {}, {}
        self.status_steps: dict[int, tuple] = {}  # row number -> (pk, from, to, day or None)
        self.first_statuses: set[str] = set()  # new volunteers whose row gives a status other than active, dated
        # Terms of office of known volunteers: row number -> ("new" or "corrected", the term as write_terms takes it)
        self.term_steps: dict[int, tuple[str, tuple]] = {}
        self.first_term_ids: set[str] = set()  # new volunteers whose rows start a term
        self.blank_rows: set[int] = set()
        try:
            self._check_file(dataset)
        except ValueError as exc:
            # django-import-export reports this above the rows and still goes through them: each is refused too.
            self.file_error = str(exc)
            raise

    def handle_import_error(self, result, error, raise_errors=False):
        # A file refused as a whole (ValueError, with a Thai message) is the admin's to read; anything else is a
        # fault of ours, kept in the server's log (the page shows its message only, never a traceback).
        if not isinstance(error, ValueError):
            logger.error("admin roster import failed", exc_info=error)
        super().handle_import_error(result, error, raise_errors)

    def _check_file(self, dataset) -> None:
        spec = self.spec
        if not dataset.headers:
            raise ValueError(gettext("ไฟล์ว่างเปล่า ไม่มีข้อมูล"))
        keys = [spec.lookup(header) for header in dataset.headers or []]
        seen = set()
        for index, key in enumerate(keys):
            if key in seen:
                keys[index] = None  # a second column of the same meaning is not read, as in the staff import
            seen.add(key)
        # The resource's fields are named by the template's headers; a file may use any header the staff import knows.
        dataset.headers = [spec.column(k).header if k else h for h, k in zip(dataset.headers, keys, strict=True)]
        headers = list(dataset.headers)
        # Rows are numbered as Excel shows them (the header is row 1), as in the staff pages' messages.
        rows = [(number, list(row)) for number, row in enumerate(dataset, 2)]
        # A blank row is passed over, as by the staff import; the rows below keep the numbers Excel shows.
        self.blank_rows = {number for number, row in rows if all(readers.is_blank(cell) for cell in row)}
        rows = [(number, row) for number, row in rows if number not in self.blank_rows]
        positions = RosterTable(headers=headers, header_row=0, column_keys=keys).key_positions
        finder = ProvinceFinder(spec)
        province_of = {number: finder.province_of(row, positions) for number, row in rows}
        found = Counter(pk for pk in province_of.values() if pk)
        if not found:
            raise ValueError(gettext("ระบุจังหวัดของแถวใดในไฟล์ไม่ได้ ตรวจสอบชื่อหรือรหัสตำบล/หน่วยงาน หรือเพิ่มคอลัมน์จังหวัด"))
        # A row whose place matches no province is checked with the file's main province, so that it gets the
        # staff pages' message ("ไม่พบตำบล ... ในจังหวัด...").
        main = found.most_common(1)[0][0]
        for province in Province.objects.filter(pk__in=set(found)):
            part = [(n, row) for n, row in rows if (province_of[n] or main) == province.pk]
            if part:
                self._check(RosterTable(headers=headers, header_row=0, column_keys=keys, rows=part), province)
        ids = [values["national_id"] for values in self.row_values.values()]
        self.known = {obj.national_id: obj for obj in self.get_queryset().filter(national_id__in=ids)}
        self.related = self._related_objects()

    def _related_objects(self) -> dict[str, tuple[str, dict]]:
        """{attname: (field name, {pk: object})} for the foreign keys the rows set, read in one query each, so
        that neither the preview's before-and-after columns nor the save look a place up row by row."""
        related = {}
        for model_field in self.spec.model._meta.concrete_fields:
            name = model_field.name
            ids = {values.get(model_field.attname) for values in self.row_values.values()} - {None}
            if not model_field.is_relation or not ids:
                continue
            deeper = {
                path.split("__")[1]
                for column in self.spec.export_columns
                for path in column.export_fields
                if path.startswith(name + "__") and path.count("__") > 1
            }
            objects = model_field.related_model.objects.select_related(*deeper).in_bulk(ids)
            related[model_field.attname] = (name, objects)
        return related

    def _check(self, table: RosterTable, province: Province) -> None:
        try:
            parsed = parse_roster(spec=self.spec, table=table, province=province)
        except MissingColumns as exc:
            raise ValueError(str(exc))
        checked = classify(parsed, province, table=table)
        for problem in checked.problems:
            self.row_problems.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}")
        # The values as the match decided them (a blank status or tier kept, the current term's end, the first
        # appointment kept on a re-appointment), by row.
        updated = {number: values for _pk, values, _changed, number in checked.updates}
        steps = {step[0]: step for step in checked.status_changes}
        for pk, _values, _changed, number in checked.updates:
            if pk in steps:
                self.status_steps[number] = steps[pk]
            if pk in checked.term_writes:
                self.term_steps[number] = checked.term_writes[pk]
        new_values = {values[0]: values for values in checked.new}
        self.first_statuses.update(checked.first_statuses)
        fields = parsed.fields
        with_terms = "term_ends_on" in fields
        for number, values in parsed.good:
            if number not in self.row_problems:
                decided = updated.get(number) or new_values.get(values[0]) or values
                self.row_values[number] = dict(zip(fields, decided, strict=True))
                if number not in updated and values[0] not in new_values:
                    self.unchanged.add(number)
                elif with_terms and values[0] in new_values and self.row_values[number].get("appointed_on"):
                    self.first_term_ids.add(values[0])

    def before_import_row(self, row, **kwargs):
        self.row_number = kwargs["row_number"] + 1
        if self.row_number in self.blank_rows:
            return  # skipped (skip_row)
        problems = self.row_problems.get(self.row_number)
        if problems:
            raise ValidationError(problems)
        if self.row_number not in self.row_values:
            raise ValidationError(self.file_error)

    def get_or_init_instance(self, instance_loader, row):
        if self.row_number in self.blank_rows:
            return self.init_instance(row), True
        known = self.known.get(self.row_values[self.row_number]["national_id"])
        return (known, False) if known is not None else (self.init_instance(row), True)

    def import_instance(self, instance, row, **kwargs):
        if self.row_number in self.blank_rows:
            return
        keeps = {c.key for c in self.spec.columns if c.keeps_when_blank}
        stepping = self.row_number in self.status_steps
        for name, value in self.row_values[self.row_number].items():
            if value is None and name in keeps:
                continue  # a blank status keeps the known person's; a new person gets the model's default
            if stepping and name in ("status", "status_changed_on"):
                continue  # a step of the lifecycle, applied by the volunteers app after the rows (after_import)
            if name in self.related and value is not None:
                field_name, objects = self.related[name]
                setattr(instance, field_name, objects[value])
            else:
                setattr(instance, name, value)

    def after_import(self, dataset, result, **kwargs):
        """Status changes go through the volunteers app, as from the staff pages: each a StatusChange row."""
        super().after_import(dataset, result, **kwargs)
        imported = {
            number for number, row in enumerate(result.rows, 2) if row.import_type == RowResult.IMPORT_TYPE_UPDATE
        }
        created = {number for number, row in enumerate(result.rows, 2) if row.import_type == RowResult.IMPORT_TYPE_NEW}
        steps = [step for number, step in self.status_steps.items() if number in imported]
        user = kwargs.get("user")
        self._write_terms(imported, result, user)
        reason = f"นำเข้าผ่านหน้าผู้ดูแลระบบ จากไฟล์ {kwargs.get('file_name') or ''}".strip()
        # New volunteers saved with a status other than active and its date: the step on record, as the staff import.
        first = [
            values["national_id"]
            for number, values in self.row_values.items()
            if number in created and values["national_id"] in self.first_statuses
        ]
        if first:
            with connection.cursor() as cursor:
                write_first_statuses(
                    cursor, national_ids=first, reason=reason, by=getattr(user, "pk", None), now=timezone.now()
                )
        if steps:
            apply_status_steps(steps, today=timezone.localdate(), reason=reason, by=user)

    def _write_terms(self, updated: set[int], result, user) -> None:
        """Terms of office through the staff import's writer: the first term of each new volunteer with an
        appointment date (as saved from their row), and the re-appointments and corrections of known ones."""
        if not self.first_term_ids and not self.term_steps:
            return
        terms = [term for number, term in self.term_steps.items() if number in updated]
        created = {row.object_id for row in result.rows if row.import_type == RowResult.IMPORT_TYPE_NEW}
        first = (
            Volunteer.objects.across_provinces("the volunteers this import just saved")
            .filter(pk__in=created, national_id__in=self.first_term_ids)
            .values_list("pk", "appointment_order", "appointed_on", "term_ends_on")
        )
        new = [term for kind, term in terms if kind == "new"] + [tuple(values) for values in first]
        corrected = [term for kind, term in terms if kind == "corrected"]
        with connection.cursor() as cursor:
            write_terms(cursor, new=new, corrected=corrected, by=getattr(user, "pk", None), now=timezone.now())

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self.row_number in self.blank_rows:
            return True
        return self._meta.skip_unchanged and self.row_number in self.unchanged

    def get_queryset(self):
        related = {
            path.rsplit("__", 1)[0] for c in self.spec.export_columns for path in c.export_fields if "__" in path
        }
        return super().get_queryset().select_related(*sorted(related))


def roster_resource(spec: RosterSpec, name: str, doc: str):
    """A ModelResource whose fields are the spec's export columns, in the spec's order."""
    declared = {column.key: ColumnField(column) for column in spec.export_columns}
    keys = tuple(declared)
    meta = type(
        "Meta",
        (),
        {
            "model": spec.model,
            "fields": keys,
            "export_order": keys,
            "import_id_fields": ("national_id",),
            "skip_unchanged": True,
            "report_skipped": True,
        },
    )
    attrs = {**declared, "Meta": meta, "spec": spec, "audit_kind": spec.kind, "__doc__": doc, "__module__": __name__}
    return type(name, (RosterResource,), attrs)


VolunteerResource = roster_resource(VOLUNTEER_SPEC, "VolunteerResource", "Volunteers in the template's columns.")
MentorResource = roster_resource(MENTOR_SPEC, "MentorResource", "Mentors in the template's columns.")
