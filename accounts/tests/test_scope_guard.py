"""A page that forgets `visible_to` fails instead of showing another province's people (accounts/scoping.py)."""

import pytest
from django.http import HttpResponse
from django.urls import path, reverse

from accounts.scoping import ScopeError, scopes_disabled
from volunteers.models import Volunteer, VolunteerQuerySet

pytestmark = pytest.mark.django_db


def _names(queryset):
    return HttpResponse(", ".join(sorted(v.first_name for v in queryset)))


def forgets_visible_to(request):
    return _names(Volunteer.objects.filter(status=Volunteer.Status.ACTIVE))


def counts_without_scope(request):
    return HttpResponse(str(Volunteer.objects.count()))


def starts_from_visible_to(request):
    return _names(Volunteer.objects.visible_to(request.user).order_by("first_name"))


def national_total(request):
    return HttpResponse(str(Volunteer.objects.across_provinces("national total on the dashboard").count()))


def system_check(request):
    with scopes_disabled("a national ID is registered once in the whole country"):
        return HttpResponse(str(Volunteer.objects.filter(national_id="1520100012349").exists()))


urlpatterns = [
    path("forgets/", forgets_visible_to, name="forgets"),
    path("counts/", counts_without_scope, name="counts"),
    path("scoped/", starts_from_visible_to, name="scoped"),
    path("national/", national_total, name="national"),
    path("system/", system_check, name="system"),
]

tiny_urlconf = pytest.mark.urls("accounts.tests.test_scope_guard")


@pytest.fixture
def two_provinces(lampang, chiang_mai):
    from mentors.tests.factories import MentorFactory
    from volunteers.tests.factories import VolunteerFactory

    mentor = MentorFactory(province=lampang)
    lampang_volunteer = VolunteerFactory(
        province=lampang, first_name="สมหมาย", national_id="1520100012349", mentor=mentor
    )
    return lampang_volunteer, VolunteerFactory(province=chiang_mai, first_name="คำแปง")


@tiny_urlconf
def test_a_page_that_forgets_visible_to_fails_and_the_error_names_the_model(client_for, lampang_officer, two_provinces):
    client = client_for(lampang_officer)
    with pytest.raises(ScopeError, match=r"^Volunteer queried outside a declared province scope"):
        client.get(reverse("forgets"))
    with pytest.raises(ScopeError, match="Volunteer"):
        client.get(reverse("counts"))


@tiny_urlconf
def test_in_production_the_forgetful_page_is_a_500_without_the_other_province(
    client_for, lampang_officer, two_provinces
):
    client = client_for(lampang_officer)
    client.raise_request_exception = False
    response = client.get(reverse("forgets"))
    assert response.status_code == 500
    assert "คำแปง" not in response.content.decode()


@tiny_urlconf
def test_the_same_page_through_visible_to_shows_only_the_officers_province(client_for, lampang_officer, two_provinces):
    response = client_for(lampang_officer).get(reverse("scoped"))
    assert response.status_code == 200
    assert response.content.decode() == "สมหมาย"


@tiny_urlconf
def test_national_totals_read_every_province_through_the_named_escape(client_for, hq_analyst, two_provinces):
    client = client_for(hq_analyst)
    assert client.get(reverse("national")).content.decode() == "2"
    assert client.get(reverse("system")).content.decode() == "True"


def test_an_escape_without_a_reason_is_refused():
    with pytest.raises(ValueError):
        Volunteer.objects.across_provinces("")
    with pytest.raises(ValueError), scopes_disabled(" "):
        pass


def test_code_outside_a_request_is_not_checked(two_provinces):
    # Management commands, the task worker and tests' own setup read every province as before.
    assert Volunteer.objects.count() == 2


def test_rows_reached_from_a_scoped_object_need_no_second_declaration(lampang_officer, two_provinces):
    from accounts.scoping import scope_required

    with scope_required():
        volunteer = Volunteer.objects.visible_to(lampang_officer).get()
        assert volunteer.mentor.volunteers.get() == volunteer


def test_the_volunteer_list_with_its_visible_to_removed_fails_instead_of_leaking(
    client_for, lampang_officer, two_provinces, monkeypatch
):
    # The planted bug: volunteers/views.py's list loses its `.visible_to(request.user)`.
    monkeypatch.setattr(VolunteerQuerySet, "visible_to", lambda self, user: self.all())
    client = client_for(lampang_officer)
    with pytest.raises(ScopeError, match="Volunteer"):
        client.get(reverse("volunteers:list"))
    client.raise_request_exception = False
    response = client.get(reverse("volunteers:list"))
    assert response.status_code == 500
    assert "คำแปง" not in response.content.decode()


def test_rows_read_plainly_are_checked_and_scoped_as_the_queryset_would_be(lampang_officer, two_provinces):
    """plain_rows() (the reports' tallies, read without Django's work on each row) is no way around the guard."""
    from accounts.scoping import plain_rows, scope_required

    names = Volunteer.objects.values_list("first_name")
    with scope_required():
        with pytest.raises(ScopeError, match="Volunteer"):
            plain_rows(names.filter(status=Volunteer.Status.ACTIVE))
        assert plain_rows(Volunteer.objects.visible_to(lampang_officer).values_list("first_name")) == [("สมหมาย",)]
        national = Volunteer.objects.across_provinces("national total").values_list("first_name").order_by("first_name")
        assert plain_rows(national) == [("คำแปง",), ("สมหมาย",)]


def test_rows_of_sql_compiled_once_are_still_checked_each_time_and_read_what_is_there_now(
    lampang_officer, two_provinces
):
    """plain_rows_of() keeps the SQL of a declared queryset for its key, never a forgetful one: a page that forgets
    visible_to fails on every request, not only on the first; and rows read again through kept SQL are today's."""
    from accounts.scoping import plain_rows_of, scope_required
    from volunteers.tests.factories import VolunteerFactory

    def forgetful():
        return Volunteer.objects.values_list("first_name")

    def national():
        return Volunteer.objects.across_provinces("national total").values_list("first_name").order_by("first_name")

    with scope_required():
        for _ in range(2):
            with pytest.raises(ScopeError, match="Volunteer"):
                plain_rows_of(("test", "forgetful"), forgetful)
        assert plain_rows_of(("test", "national"), national) == [("คำแปง",), ("สมหมาย",)]
        VolunteerFactory(province=two_provinces[0].province, first_name="ดวงใจ")
        assert plain_rows_of(("test", "national"), national) == [("คำแปง",), ("ดวงใจ",), ("สมหมาย",)]
