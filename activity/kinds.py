"""The kinds of work the monthly report counts at first (issue 15). The data migration seeds them and tests whose
database was emptied seed them again; from then on they are data that HQ extends in the admin, not code."""

# (code, Thai name, English name, group, sort order)
DEFAULT_KINDS = [
    ("info_jobs", "การมีงานทำ", "Jobs", "information", 10),
    ("info_training", "การพัฒนาฝีมือแรงงาน", "Skills training", "information", 20),
    ("info_protection", "การคุ้มครองแรงงานและสิทธิ", "Labour protection and rights", "information", 30),
    ("info_social_security", "ประกันสังคม (รวมมาตรา 40)", "Social security incl. Section 40", "information", 40),
    (
        "info_safety",
        "ความปลอดภัยและยาเสพติดในสถานประกอบการขนาดเล็ก",
        "Safety and drugs in small workplaces",
        "information",
        50,
    ),
    ("job_seekers", "ผู้หางานที่ช่วยลงทะเบียน", "Job seekers helped to register", "service", 60),
    ("training_applicants", "ผู้ที่ช่วยสมัครฝึกอบรมฝีมือแรงงาน", "People helped to apply for skills training", "service", 70),
    (
        "section40_applicants",
        "ผู้ที่ช่วยสมัครประกันสังคมมาตรา 40",
        "People helped to apply for Section 40 social security",
        "service",
        80,
    ),
    ("complaints", "เรื่องร้องเรียนด้านแรงงานที่ส่งต่อ", "Labour complaints passed on", "service", 90),
    (
        "small_workplaces",
        "สถานประกอบการขนาดเล็ก (ไม่ถึง 10 คน) ที่เยี่ยม",
        "Small workplaces (fewer than 10 workers) visited",
        "service",
        100,
    ),
]


# The kinds a case may need, with how the case form names the need (code: Thai, English). A kind HQ adds is
# offered to cases when the admin gives it these names.
DEFAULT_NEEDS = {
    "job_seekers": ("หางานทำ / ลงทะเบียนผู้หางาน", "A job / registering as a job seeker"),
    "training_applicants": ("ฝึกอบรมพัฒนาฝีมือแรงงาน", "Skills training"),
    "section40_applicants": ("ประกันสังคม มาตรา 40", "Section 40 social security"),
    "info_protection": ("การคุ้มครองแรงงานและสิทธิ", "Labour protection and rights"),
    "complaints": ("ร้องเรียนปัญหาแรงงาน", "A labour complaint"),
    "info_safety": ("ความปลอดภัยในการทำงาน", "Safety at work"),
}


def seed_work_kinds(work_kind_model=None) -> int:
    """Add the kinds that are missing (by code), leaving any HQ changed alone; how many were added."""
    if work_kind_model is None:
        from activity.models import WorkKind as work_kind_model
    existing = set(work_kind_model.objects.values_list("code", flat=True))
    missing = [
        work_kind_model(code=code, name_th=th, name_en=en, group=group, sort_order=order)
        for code, th, en, group, order in DEFAULT_KINDS
        if code not in existing
    ]
    work_kind_model.objects.bulk_create(missing)
    # The migration that seeds the kinds predates the case needs' names.
    if any(f.name == "need_th" for f in work_kind_model._meta.get_fields()):
        seed_case_needs(work_kind_model, only=[k.code for k in missing])
    return len(missing)


def seed_case_needs(work_kind_model, only=None) -> None:
    """Give the default kinds their names as a case's need, where the kind has none yet."""
    for code, (th, en) in DEFAULT_NEEDS.items():
        if only is None or code in only:
            work_kind_model.objects.filter(code=code, need_th="").update(need_th=th, need_en=en)


_NEED_NAMES_FOR_SECONDS = 60
_need_names: dict = {"at": 0.0, "names": None}


def need_names() -> dict[str, tuple[str, str]]:
    """{code: (Thai, English)} of every kind as a case's need, retired ones included (old cases still name them).

    Case lists name the needs of every row; the table is tiny and changes rarely, so it is read at most once a
    minute per process, and at once after a change in this process (activity.apps connects the reset)."""
    import time

    from activity.models import WorkKind

    now = time.monotonic()
    if _need_names["names"] is None or now - _need_names["at"] > _NEED_NAMES_FOR_SECONDS:
        _need_names["names"] = {
            code: (need_th or name_th, need_en or need_th or name_en)
            for code, need_th, need_en, name_th, name_en in WorkKind.objects.values_list(
                "code", "need_th", "need_en", "name_th", "name_en"
            )
        }
        _need_names["at"] = now
    return _need_names["names"]


def forget_need_names(**kwargs) -> None:
    _need_names["names"] = None
