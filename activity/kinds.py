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
    return len(missing)
