"""Monthly reports imported from Excel through the rosters' import engine (upload, background check, preview,
Thai row errors, failed-rows file, cancel, audit): this module gives the engine what is particular to a month of
reports (rosters.columns.PLUGGED): its columns, built from the WorkKind table; the month the file is for; the match
of its rows against the volunteers and the reports already made; its write; and the pre-filled template.

A row is keyed by national ID (the engine's key); the report by volunteer and month. A row whose counts and problems
are all blank is "no report": neither written nor a zero report. Any wrong row stops the whole file
(ImportJob.all_or_nothing). The rules are activity.rules' own, the ones the grid's saves go through.
"""

import datetime as dt
import io
import json

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

from activity import rules, services
from activity.models import MonthlyReport, WorkKind
from core import thai
from core.bulk_history import history_written_here
from core.people import page_in_thai
from core.pgcopy import copy_rows, keyed_for_join
from core.xlsx import date_cell
from rosters.columns import COMMON_IGNORED, REPORTS, VOLUNTEER_SPEC, Column, RosterSpec, normalize_header
from rosters.pipeline import UPDATE_SAMPLE, insert_with_history
from rosters.readers import RosterFileError, is_blank
from rosters.validation import parsers
from rosters.validation.cells import FORMULA_STARTS, CellError, cell_text, date_from_cell
from rosters.validation.rows import CheckedRoster, RowProblem
from rosters.writers import BODY_FONT, HEADER_FILL, HEADER_FONT, safe_cell
from rosters.xlsx_stream import FormulaError
from volunteers.models import Volunteer

KIND_PREFIX = "kind:"
PROBLEMS = "problems"
RECEIVED_ON = "received_on"
MONTH_HEADING = "เดือนที่รายงาน"
MONTH_CELL_NAME = "report_month"
SHEET_TITLE = "รายงานประจำเดือน"
# Where the month stands in the template: row 2, column B (the named cell report_month), the header on row 4.
MONTH_ROW, HEADER_ROW = 2, 4
COPY_BATCH = 20_000
CONTEXT_HEADER_FILL = PatternFill("solid", fgColor="6B7280")
# Who a count's message names: the volunteer of the row (the file's names are not read).
ROW_LABEL = gettext_noop("อาสาสมัครแถวนี้")

# ---------------------------------------------------------------- the columns


def _count(kind: WorkKind, month: dt.date):
    """A count cell: None when blank (the row may be "no report"), else the whole number activity.rules allows."""

    def factory(column, context):
        def convert(cell):
            if not isinstance(cell, str | int | float) or isinstance(cell, bool) or cell.__class__ is FormulaError:
                cell = cell_text(cell)  # refuses a formula's error value (#DIV/0!), naming it
            if is_blank(cell):
                return None
            # The rule's reason alone for the many good cells; its whole message, saying where, for a bad one.
            if rules.count_reason(cell) is not None:
                name = kind.name_th if page_in_thai() else kind.name_en or kind.name_th
                raise CellError(rules.count_error(cell, volunteer=_(ROW_LABEL), month=month, kind=name) or "")
            return rules.clean_count(cell)

        return convert

    return factory


def _problems(column, context):
    def convert(cell):
        text = cell.strip() if isinstance(cell, str) and cell.__class__ is not FormulaError else cell_text(cell)
        if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
            text = text[1:]  # the template's guard against formulas (rosters.writers.safe_cell)
        if message := rules.problems_error(text):
            raise CellError(message)
        return text

    return convert


def _received_on(month: dt.date):
    def factory(column, context):
        def convert(cell):
            day = date_from_cell(cell)
            if day is not None and (message := rules.received_on_error(month, day, today=context.today)):
                raise CellError(message)
            return day

        return convert

    return factory


def columns_for(month: dt.date, kinds: list[WorkKind]) -> tuple[Column, ...]:
    """The file's columns: who (the key and three read-only columns of context), a count per active kind of work
    in the table's order, the problems, the day received."""
    identity = VOLUNTEER_SPEC.column("national_id")
    return (
        Column(
            "national_id",
            identity.header,
            required=True,
            aliases=identity.aliases,
            hint="13 หลัก ใช้จับคู่กับอาสาสมัครในทะเบียน ไม่ต้องแก้ไข",
            width=19,
            is_text=True,
            parse=parsers.national_id,
            repeats=False,
        ),
        Column("name", "ชื่อ-นามสกุล", aliases=VOLUNTEER_SPEC.column("full_name").aliases, width=28, parse=None),
        Column("district", "อำเภอ/เขต", aliases=("อำเภอ", "เขต"), width=16, parse=None),
        Column("subdistrict", "ตำบล/แขวง", aliases=("ตำบล", "แขวง"), width=16, parse=None),
        *(
            Column(
                f"{KIND_PREFIX}{kind.code}",
                kind.name_th,
                aliases=(kind.code, kind.name_en),
                hint=f"จำนวน (คน/ครั้ง) 0 ถึง {rules.MAX_COUNT:,} ว่าง = 0",
                width=14,
                parse=_count(kind, month),
            )
            for kind in kinds
        ),
        Column(
            PROBLEMS,
            "ปัญหาแรงงานในพื้นที่",
            aliases=("ปัญหาแรงงาน", "ปัญหา", "problems"),
            hint=f"ไม่เกิน {rules.PROBLEMS_MAX_LENGTH:,} ตัวอักษร",
            width=40,
            parse=_problems,
            repeats=False,
        ),
        Column(
            RECEIVED_ON,
            "วันที่ได้รับรายงาน",
            aliases=("วันที่รับรายงาน", "received on"),
            hint="วว/ดด/ปปปป พ.ศ. หรือ ค.ศ. ว่าง = วันที่นำเข้า",
            width=16,
            is_date=True,
            parse=_received_on(month),
        ),
    )


def looks_like_this_kind(table) -> bool:
    """Whether a file uploaded as another kind (a roster of volunteers) is this form: two or more of its unread
    columns are kinds of work, as the form heads its count columns."""
    unread = {normalize_header(h) for h, key in zip(table.headers, table.column_keys, strict=True) if key is None}
    if len(unread) < 2:
        return False
    names = WorkKind.objects.active().values_list("name_th", "name_en", "code")
    heads = {normalize_header(name) for row in names for name in row if name}
    return len(unread & heads) >= 2


def spec(job) -> RosterSpec:
    return spec_for_month(job.month)


def spec_for_month(month: dt.date) -> RosterSpec:
    return RosterSpec(
        kind=REPORTS,
        label="รายงานผลการปฏิบัติงานประจำเดือน",
        columns=columns_for(month, list(WorkKind.objects.active())),
        model=MonthlyReport,
        ignored=COMMON_IGNORED,
    )


def check_kind(kind: WorkKind) -> None:
    """Refuse (ValidationError, Thai, by field) an active kind of work that the monthly-report file or the grid would
    take for something else: its code, Thai or English name read as another column's header (a fixed column's
    header or alias, a heading the file ignores, another active kind's), or its code the key the grid's save gives
    the whole row's or the problems' messages. A retired kind is in neither, and is checked when brought back."""
    if not kind.is_active:
        return
    taken = {}
    for column in columns_for(dt.date(2000, 1, 1), []):
        for name in (column.header, column.key, *column.aliases):
            taken[normalize_header(name)] = column.header
    for name in COMMON_IGNORED:
        taken[normalize_header(name)] = name
    for other in WorkKind.objects.active().exclude(pk=kind.pk):
        for name in (other.code, other.name_th, other.name_en):
            taken[normalize_header(name)] = other.name_th
    clashes: dict[str, list[str]] = {}
    if kind.code in (services.ROW, services.PROBLEMS):
        message = _("รหัส “%(code)s” ใช้เป็นชื่อภายในของหน้าบันทึกรายงานแล้ว กรุณาใช้รหัสอื่น") % {"code": kind.code}
        clashes.setdefault("code", []).append(message)
    for field, label in (("code", _("รหัส")), ("name_th", pgettext("work kind", "ชื่อ")), ("name_en", _("ชื่อภาษาอังกฤษ"))):
        value = getattr(kind, field)
        if (owner := taken.get(normalize_header(value))) is not None:
            clashes.setdefault(field, []).append(
                _("%(field)s “%(value)s” ซ้ำกับหัวคอลัมน์ “%(owner)s” ของไฟล์รายงานประจำเดือน ไฟล์จะอ่านคอลัมน์ผิด กรุณาใช้คำอื่น")
                % {"field": label, "value": value, "owner": owner}
            )
    if clashes:
        raise ValidationError(clashes)


# ---------------------------------------------------------------- the month the file is for


def month_from_label(value) -> dt.date | None:
    """ "ตุลาคม 2569" (activity.rules.month_label) or a date cell back to the month; None for anything else."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return rules.month_start(value)
    text = cell_text(value).replace("เดือน", "").strip()
    if not text:
        return None
    # Read as the first day of the month written, by the reader of dates: a month's full or short name ("พ.ย."),
    # and its year in either era, two digits in พ.ศ. ("69" is 2569).
    try:
        first_day = thai.parse_date(f"1 {text}")
    except thai.ThaiDateError:
        return None
    return rules.month_start(first_day) if first_day else None


def month_in_file(table) -> dt.date | None:
    """The month written beside "เดือนที่รายงาน" above the header (the template's named cell report_month)."""
    wanted = normalize_header(MONTH_HEADING)
    for row in table.above:
        cells = list(row)
        for index, cell in enumerate(cells):
            if normalize_header(cell) == wanted:
                for value in cells[index + 1 :]:
                    if not is_blank(value):
                        if (month := month_from_label(value)) is None:
                            raise RosterFileError(
                                _(
                                    "อ่านเดือนที่รายงาน “%(value)s” ในไฟล์ไม่ได้ (ช่อง “%(heading)s” เหนือหัวตาราง) "
                                    "กรุณาเขียนเป็นชื่อเดือนและปี เช่น “พฤศจิกายน 2569” หรือใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ"
                                )
                                % {"value": cell_text(value)[:40], "heading": MONTH_HEADING}
                            )
                        return month
    return None


def refuse_month(job) -> None:
    """File-level refusals: a month still to come, a month the province has closed (reopen it first)."""
    if message := rules.month_error(job.month, today=timezone.localdate()):
        raise RosterFileError(message)
    if services.is_month_closed(job.province_id, job.month):
        raise RosterFileError(rules.closed_error(province=job.province.shown_name, month=job.month))


def check_table(table, job) -> None:
    found = month_in_file(table)
    # The month in the reader's words: ตุลาคม 2569 in Thai, Oct 2026 in English.
    chosen = rules.month_shown(job.month)
    if found is None:
        raise RosterFileError(
            _(
                "ไม่พบเดือนที่รายงานในไฟล์ (ช่อง “%(heading)s” เหนือหัวตาราง) "
                "กรุณาดาวน์โหลดแบบฟอร์มของเดือน%(month)s แล้วกรอกในแบบฟอร์มนั้น"
            )
            % {"heading": MONTH_HEADING, "month": chosen}
        )
    if found != job.month:
        raise RosterFileError(
            _(
                "ไฟล์นี้เป็นแบบฟอร์มรายงานเดือน%(found)s แต่เลือกนำเข้าเป็นเดือน%(chosen)s "
                "กรุณาเลือกเดือนให้ตรงกับไฟล์ หรือใช้แบบฟอร์มของเดือนที่ต้องการ"
            )
            % {"found": rules.month_shown(found), "chosen": chosen}
        )
    refuse_month(job)


# ---------------------------------------------------------------- the match


def _header(parsed, spec_, key: str) -> str:
    for header in parsed.headers:
        if spec_.lookup(header) == key:
            return header
    return spec_.column(key).header


def classify(parsed, job, *, table=None, changed_since=None) -> CheckedRoster:
    """Each row against the province's volunteers and the month's reports as they are now: a new report, a changed
    one, unchanged, no report (a blank row), or wrong. A few queries, none per row. `changed_since` (the write's
    match): a report saved after it that the row would change is refused, not written over."""
    refuse_month(job)
    month, province = job.month, job.province
    today = timezone.localdate()
    spec_ = spec(job)
    fields = parsed.fields
    index = {f: i for i, f in enumerate(fields)}
    kinds = [(f[len(KIND_PREFIX) :], i) for f, i in index.items() if f.startswith(KIND_PREFIX)]
    problems_at, received_at = index.get(PROBLEMS), index.get(RECEIVED_ON)
    result = CheckedRoster(kind=parsed.kind, fields=fields, total_rows=parsed.total_rows, headers=parsed.headers)
    problems = list(parsed.problems)
    raw_by_row = dict(parsed.error_rows)
    id_header = _header(parsed, spec_, "national_id")

    # Tuples, not model instances, for 10,000 rows; the names are read only for the rows that show one (a message,
    # the preview's sample of changes).
    # One query each, the IDs passed as one array (10,000 placeholders cost more to plan than the match itself).
    volunteers, existing = _match(province, month, [values[0] for _number, values in parsed.good], changed_since)
    not_serving: list[tuple[int, int]] = []  # (row number, volunteer pk)
    for number, values in parsed.good:
        counts = {code: values[i] for code, i in kinds}
        text = values[problems_at] if problems_at is not None else ""
        if all(v is None for v in counts.values()) and not text:
            result.skipped += 1
            continue
        known_volunteer = volunteers.get(values[0])
        if known_volunteer is None:
            # An ID of another province reads the same as an unknown one: the file learns nothing of other provinces.
            message = _("ไม่พบเลขประจำตัวประชาชนนี้ในทะเบียนอาสาสมัครของ%(province)s") % {"province": province.shown_name}
            problems.append(RowProblem(number, id_header, message))
            raw_by_row[number] = None
            continue
        volunteer_pk, district_id, serving = known_volunteer
        if not serving:
            not_serving.append((number, volunteer_pk))
            raw_by_row[number] = None
            continue
        counts = {code: value or 0 for code, value in counts.items()}
        received_on = values[received_at] if received_at is not None else None
        known = existing.get(volunteer_pk)
        if known is None:
            received_on = received_on or today
            on_time = not rules.is_late(month, received_on)
            result.new.append((volunteer_pk, district_id, counts, text, received_on, on_time))
            continue
        pk, stored, stored_text, stored_received, stored_on_time, saved_meanwhile = known
        changed = [f"{KIND_PREFIX}{code}" for code, value in counts.items() if stored.get(code, 0) != value]
        if text != stored_text:
            changed.append(PROBLEMS)
        # A correction keeps the day the report was first received, unless the file gives another day.
        received_on = received_on or stored_received
        on_time = stored_on_time
        if received_on != stored_received:
            changed.append(RECEIVED_ON)
            on_time = not rules.is_late(month, received_on)
        if not changed:
            result.unchanged += 1
            continue
        if saved_meanwhile:
            problems.append(RowProblem(number, id_header, _(REPORT_SAVED_AFTER_PREVIEW)))
            raw_by_row[number] = None
            continue
        result.updates.append((pk, (values[0], {**stored, **counts}, text, received_on, on_time), changed, number))
    sample = [volunteers[values[0]][0] for _pk, values, _changed, _number in result.updates[:UPDATE_SAMPLE]]
    named = _named([pk for _number, pk in not_serving] + sample)
    for number, volunteer_pk in not_serving:
        volunteer = named[volunteer_pk]
        message = rules.not_serving_error(volunteer=volunteer, month=month)
        problems.append(RowProblem(number, id_header, message))
    for _pk, values, _changed, _number in result.updates[:UPDATE_SAMPLE]:
        result.names[values[0]] = named[volunteers[values[0]][0]].full_name
    problems.sort(key=lambda p: p.row)
    result.problems = problems
    result.error_rows = dict(sorted(raw_by_row.items()))
    if table is not None:
        result.fill_raw_rows(table)
    return result


REPORT_SAVED_AFTER_PREVIEW = gettext_noop(
    "มีผู้บันทึกรายงานเดือนนี้ของอาสาสมัครคนนี้หลังการตรวจสอบไฟล์ แถวนี้จึงไม่ได้นำเข้า เพื่อไม่ให้ทับรายงานที่เพิ่งบันทึก "
    "กรุณาตรวจสอบกับรายงานปัจจุบัน แล้วนำเข้าแถวนี้อีกครั้ง"
)


def _match(province, month: dt.date, national_ids: list[str], changed_since=None) -> tuple[dict, dict]:
    """{national ID: (volunteer pk, district pk, serving in the month)} of the province's volunteers among the IDs,
    and {volunteer pk: (report pk, counts, problems, received on, on time, saved after changed_since)} of their
    reports of the month."""
    volunteers = Volunteer.objects.across_provinces("the province the import job is for, checked by its view")
    query = (
        volunteers.filter(province=province)
        .annotate(serving=ExpressionWrapper(rules.serving_in_month(month), output_field=BooleanField()))
        .values_list("national_id", "pk", "subdistrict__district_id", "serving")
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) AS v WHERE v.national_id = ANY(%s)", [*params, national_ids])
        found = {national_id: (pk, district, is_serving) for national_id, pk, district, is_serving in cursor.fetchall()}
        cursor.execute(
            "SELECT volunteer_id, id, counts, problems, received_on, on_time, entered_at > %s::timestamptz "
            f"FROM {MonthlyReport._meta.db_table} WHERE month = %s AND volunteer_id = ANY(%s)",
            [changed_since, month, [pk for pk, _district, _serving in found.values()]],
        )
        reports = {row[0]: (row[1], _json(row[2]), *row[3:]) for row in cursor.fetchall()}
    return found, reports


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _named(pks: list[int]) -> dict:
    volunteers = Volunteer.objects.across_provinces("volunteers of the import's own rows, matched above")
    # What rules.not_serving_error names a reason from.
    fields = (
        *("title", "first_name", "last_name", "appointed_on", "status", "status_changed_on", "term_ends_on"),
        *("absent_from", "absent_until", "absence_status"),
    )
    return {v.pk: v for v in volunteers.filter(pk__in=pks).only(*fields)}


# ---------------------------------------------------------------- the write

INSERT_COLUMNS = [
    "volunteer_id",
    "province_id",
    "district_id",
    "month",
    "counts",
    "problems",
    "referrals",
    "received_on",
    "on_time",
    "entered_by_id",
    "entered_at",
]
UPDATE_COLUMNS = ["id", "counts", "problems", "received_on", "on_time"]


def history_metadata(job) -> dict:
    # The grid's saves say action="activity_report"; the import's history says so too, and which import it was.
    return {"source": "report_import", "action": "activity_report", "month": job.month.isoformat()}


def write(cursor, *, checked: CheckedRoster, job, progress, stop_if_cancelled) -> None:
    """New reports by COPY and one INSERT per batch with their history rows (as the rosters' new people); changed
    ones by one UPDATE, whose history pghistory's row trigger writes with the import's context. The tallies'
    statement-level triggers see both statements."""
    table = MonthlyReport._meta.db_table
    now = timezone.now()
    by = job.confirmed_by_id
    total = len(checked.new) + len(checked.updates) or 1
    done = 0
    if checked.new:
        column_list = ", ".join(INSERT_COLUMNS)
        cursor.execute("DROP TABLE IF EXISTS report_new")
        cursor.execute(f"CREATE TEMP TABLE report_new ON COMMIT DROP AS SELECT {column_list} FROM {table} LIMIT 0")
        with history_written_here(cursor):
            for start in range(0, len(checked.new), COPY_BATCH):
                stop_if_cancelled()
                batch = checked.new[start : start + COPY_BATCH]
                copy_rows(
                    cursor,
                    "report_new",
                    INSERT_COLUMNS,
                    (
                        (pk, job.province_id, district, job.month, json.dumps(counts), text, 0, day, on_time, by, now)
                        for pk, district, counts, text, day, on_time in batch
                    ),
                )
                insert_with_history(cursor, MonthlyReport, INSERT_COLUMNS, f"SELECT {column_list} FROM report_new")
                cursor.execute("TRUNCATE report_new")
                done += len(batch)
                progress(
                    40 + 55 * done / total,
                    _("กำลังบันทึกรายงานใหม่ %(done)s จาก %(total)s แถว")
                    % {"done": f"{done:,}", "total": f"{len(checked.new):,}"},
                )
    if checked.updates:
        stop_if_cancelled()
        cursor.execute(
            f"CREATE TEMP TABLE report_changes ON COMMIT DROP AS SELECT {', '.join(UPDATE_COLUMNS)} FROM {table} LIMIT 0"
        )
        copy_rows(
            cursor,
            "report_changes",
            UPDATE_COLUMNS,
            (
                (pk, json.dumps(counts), text, day, on_time)
                for pk, (_nid, counts, text, day, on_time), _changed, _number in checked.updates
            ),
        )
        keyed_for_join(cursor, "report_changes")
        cursor.execute(
            f"UPDATE {table} AS t SET counts = c.counts, problems = c.problems, received_on = c.received_on, "
            "on_time = c.on_time, entered_by_id = %s, entered_at = %s FROM report_changes AS c WHERE t.id = c.id",
            [by, now],
        )
        progress(95, _("ปรับปรุงรายงานเดิม %(rows)s แถว") % {"rows": f"{len(checked.updates):,}"})


# ---------------------------------------------------------------- the template


def template_rows(*, user, province, month: dt.date, district=None):
    """The volunteers serving in the month in the province (or one district), by district, subdistrict and name,
    each with their report of the month when there is one."""
    volunteers = (
        Volunteer.objects.editable_by(user)
        .filter(province=province)
        .filter(rules.serving_in_month(month))
        .select_related("subdistrict__district")
        .order_by("subdistrict__district__name_sort", "subdistrict__name_sort", "first_name_sort", "last_name_sort")
        .only(
            "national_id",
            "title",
            "first_name",
            "last_name",
            "subdistrict__name_th",
            "subdistrict__district__name_th",
        )
    )
    if district is not None:
        volunteers = volunteers.filter(subdistrict__district=district)
    reports = {
        r.volunteer_id: r
        for r in MonthlyReport.objects.editable_by(user)
        .filter(month=month, province=province)
        .only("volunteer_id", "counts", "problems", "received_on")
    }
    return [(v, reports.get(v.pk)) for v in volunteers]


def build_template(*, user, province, month: dt.date, district=None, rows=None) -> bytes:
    """The month's form, pre-filled: one row per serving volunteer, their figures when already reported, the month
    written above the header (and as the named cell report_month) so that the import can tell a file of another
    month. `rows`: (volunteer, report or None) pairs instead of the province's (the benchmark's filled file)."""
    kinds = list(WorkKind.objects.active())
    columns = columns_for(month, kinds)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"E{HEADER_ROW + 1}"
    label = rules.month_label(month)
    where = province.display_name + (f" อำเภอ{district.name_th}" if district is not None else "")

    def styled(value, *, font=None, fill=None, number_format=None, comment=None):
        cell = WriteOnlyCell(sheet, value=safe_cell(value))
        cell.font = font or BODY_FONT
        if fill:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format
        if comment:
            cell.comment = Comment(comment, "ระบบ อสร.")
        return cell

    sheet.append(
        [
            styled(
                f"แบบรายงานผลการปฏิบัติงานประจำเดือนของอาสาสมัครแรงงาน {where} เดือน{label}",
                font=Font(bold=True, size=14, name="Sarabun"),
            )
        ]
    )
    sheet.append(
        [
            styled(MONTH_HEADING, font=Font(bold=True, name="Sarabun")),
            styled(label, font=Font(bold=True, name="Sarabun"), number_format="@"),
            styled("ห้ามแก้ไขช่องเดือน ระบบใช้ตรวจว่าไฟล์ตรงกับเดือนที่เลือกตอนนำเข้า"),
        ]
    )
    sheet.append(
        [
            styled(
                "กรอกจำนวนตามประเภทงาน (ว่าง = 0) แถวที่ไม่กรอกจำนวนและปัญหาเลย = ไม่มีรายงานเดือนนี้ "
                "คอลัมน์สีเทาเป็นข้อมูลประกอบ ระบบไม่อ่าน"
            )
        ]
    )
    context_keys = {"name", "district", "subdistrict"}
    header_cells = []
    for column in columns:
        fill = CONTEXT_HEADER_FILL if column.key in context_keys else HEADER_FILL
        header_cells.append(styled(column.header, font=HEADER_FONT, fill=fill, comment=column.hint or None))
        header_cells[-1].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.append(header_cells)
    if rows is None:
        rows = template_rows(user=user, province=province, month=month, district=district)
    for volunteer, report in rows:
        subdistrict = volunteer.subdistrict
        # Plain values but the ID (text, so that Excel keeps all 13 digits): a styled cell costs many times more to
        # write, and the grey headers mark the columns of context.
        national_id = WriteOnlyCell(sheet, value=volunteer.national_id)
        national_id.number_format = "@"
        cells = [national_id, volunteer.full_name, subdistrict.district.name_th, subdistrict.name_th]
        if report is None:
            cells += [None] * (len(kinds) + 2)
        else:
            cells += [int(report.counts.get(kind.code, 0)) for kind in kinds]
            cells += [safe_cell(report.problems) or None, date_cell(sheet, report.received_on)]
        sheet.append(cells)
    workbook.defined_names[MONTH_CELL_NAME] = DefinedName(MONTH_CELL_NAME, attr_text=f"'{SHEET_TITLE}'!$B${MONTH_ROW}")
    guide = workbook.create_sheet("คำอธิบาย")
    for text in _instructions(label, where, columns, month=month):
        guide.append([text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions(label: str, where: str, columns, *, month: dt.date) -> list[str]:
    earliest = thai.format_date_numeric_be(rules.earliest_received_on(month))
    return [
        f"แบบรายงานผลการปฏิบัติงานประจำเดือน{label} {where}",
        "1. หนึ่งแถวต่ออาสาสมัครหนึ่งคน ระบบจับคู่ด้วยเลขประจำตัวประชาชน ชื่อ อำเภอ และตำบลเป็นข้อมูลประกอบเท่านั้น",
        f"2. จำนวนเป็นจำนวนเต็ม 0 ถึง {rules.MAX_COUNT:,} ช่องว่างในแถวที่มีรายงาน = 0",
        "3. แถวที่ไม่กรอกจำนวนและปัญหาเลย คือไม่มีรายงานเดือนนี้ ระบบข้ามแถวนั้น (ไม่บันทึกเป็นศูนย์)",
        f"4. วันที่ได้รับรายงาน: วว/ดด/ปปปป พ.ศ. หรือ ค.ศ. ตั้งแต่วันแรกของเดือน ({earliest}) และไม่เกินวันนี้ ว่าง = วันที่นำเข้า",
        "5. รายงานที่มีอยู่แล้วกรอกไว้ให้ แก้ตัวเลขที่ต้องการแล้วนำเข้า แถวที่ไม่แก้ไม่เปลี่ยนแปลง",
        "6. อัปโหลดที่หน้า “นำเข้าข้อมูล” เลือก “รายงานผลการปฏิบัติงานประจำเดือน” และเดือนเดียวกับไฟล์ "
        "ระบบตรวจทุกแถวก่อน แถวที่ผิดแม้แถวเดียวจะไม่บันทึกทั้งไฟล์",
        "",
        "คอลัมน์: " + ", ".join(c.header for c in columns),
    ]
