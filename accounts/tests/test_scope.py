import pytest

from accounts import scope
from provinces.models import Agency, Province

pytestmark = pytest.mark.django_db


def test_province_staff_see_only_their_province(lampang_officer, lampang_viewer):
    for user in (lampang_officer, lampang_viewer):
        assert list(Province.objects.visible_to(user).values_list("code", flat=True)) == ["52"]
        assert set(Agency.objects.visible_to(user).values_list("province__code", flat=True)) == {"52"}


def test_hq_and_admin_see_every_province(hq_analyst, admin_user):
    assert Province.objects.visible_to(hq_analyst).count() == 77
    assert Province.objects.visible_to(admin_user).count() == 77


def test_only_officers_of_the_province_and_admins_write(personas, lampang, chiang_mai):
    assert scope.can_write_in(personas["lampang_officer"], lampang.pk)
    assert not scope.can_write_in(personas["lampang_officer"], chiang_mai.pk)
    assert not scope.can_write_in(personas["lampang_viewer"], lampang.pk)
    assert not scope.can_write_in(personas["hq_analyst"], lampang.pk)
    assert scope.can_write_in(personas["admin"], chiang_mai.pk)
    assert Province.objects.editable_by(personas["hq_analyst"]).count() == 0
    assert Province.objects.editable_by(personas["lampang_viewer"]).count() == 0


def test_anonymous_and_roleless_users_see_nothing(django_user_model, geography):
    from django.contrib.auth.models import AnonymousUser

    assert Province.objects.visible_to(AnonymousUser()).count() == 0
    assert Province.objects.visible_to(django_user_model.objects.create(username="nobody")).count() == 0


def test_each_role_is_a_group_with_model_permissions(personas):
    officer, viewer, hq = personas["lampang_officer"], personas["lampang_viewer"], personas["hq_analyst"]
    assert officer.groups.get().name == "เจ้าหน้าที่สำนักงานแรงงานจังหวัด"
    assert officer.has_perm("volunteers.change_volunteer")
    assert not viewer.has_perm("volunteers.change_volunteer") and viewer.has_perm("volunteers.view_volunteer")
    assert not hq.has_perm("volunteers.add_volunteer") and hq.has_perm("volunteers.view_volunteer")
    assert personas["admin"].is_superuser and personas["admin"].is_staff
