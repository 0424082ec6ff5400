"""Wherever a page names who did something, an account deleted since shows as "บัญชีที่ถูกลบ", never an error."""

import pytest
from django.template import engines
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from core import people
from rosters.models import ExportRecord

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load people %}" + source).render(context)


def test_an_account_is_named_by_its_full_name_else_its_username(lampang):
    named = StaffFactory(username="somsri", first_name="สมศรี", last_name="ใจดี", role="officer", province=lampang)
    bare = StaffFactory(username="nameless", first_name="", last_name="", role="officer", province=lampang)
    assert render("{{ user|who }}", user=named) == "สมศรี ใจดี"
    assert people.display_name(bare) == "nameless"


def test_no_account_says_what_it_means_here():
    assert render("{{ user|who }}", user=None) == "ระบบ หรือบัญชีที่ถูกลบแล้ว"
    assert render('{{ user|who:"deleted" }}', user=None) == "บัญชีที่ถูกลบ"
    assert render('{{ user|who:"system" }}', user=None) == "ระบบ"


def test_an_export_by_an_account_deleted_since_still_lists(client_for, lampang, lampang_officer):
    former = StaffFactory(username="former.exporter", role="officer", province=lampang)
    ExportRecord.objects.create(file_format="csv", province=lampang, user=former, file_name="volunteers.csv", rows=3)
    former.delete()
    response = client_for(lampang_officer).get(reverse("rosters:list"))
    assert response.status_code == 200
    assert "<td>บัญชีที่ถูกลบ</td>" in response.content.decode()
