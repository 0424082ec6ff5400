"""A person's name wraps only between the first and the last name (Thai line breaking splits names it does not know:
อิน|ต๊ะ, ปัน|แก้ว): one filter renders it, on lists, slips, sign-in sheets and reports."""

from django.template import Context, Template

from core.people import name_html, name_parts


class Person:
    def __init__(self, first, last):
        self.first, self.last = first, last

    def name_parts(self):
        return self.first, self.last


def test_a_person_is_two_parts_that_do_not_break():
    assert name_html(Person("นางบัวผัน", "อินต๊ะ")) == (
        '<span class="name-part">นางบัวผัน</span> <span class="name-part">อินต๊ะ</span>'
    )


def test_the_filter_escapes():
    html = Template("{% load people %}{{ person|name_nowrap }}").render(
        Context({"person": Person("<b>สมชาย</b>", "ปันแก้ว")})
    )
    assert html == '<span class="name-part">&lt;b&gt;สมชาย&lt;/b&gt;</span> <span class="name-part">ปันแก้ว</span>'


def test_a_name_typed_as_one_string_breaks_before_the_last_name_only():
    assert name_parts("นายสมชาย  ปันแก้ว") == ("นายสมชาย", "ปันแก้ว")
    assert name_parts("ดร. สมชาย ปันแก้ว") == ("ดร. สมชาย", "ปันแก้ว")
    # ณ belongs to the last name that follows it.
    assert name_parts("หม่อมหลวงสมชาย ณ อยุธยา") == ("หม่อมหลวงสมชาย", "ณ อยุธยา")
    assert name_parts("สมชาย") == ("สมชาย", "")
    assert name_html("สมชาย") == '<span class="name-part">สมชาย</span>'
    assert name_html(None) == ""


def test_a_part_too_long_to_be_a_name_may_wrap_rather_than_overflow_a_phone():
    html = name_html(Person("นาย" + "ก" * 100, "ใจดี"))
    assert 'class="name-part name-part-long"' in html
    assert '<span class="name-part">ใจดี</span>' in html
