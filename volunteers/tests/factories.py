import factory

from core.thai import national_id_with_check_digit
from provinces.models import Subdistrict
from volunteers.models import Volunteer


def valid_national_id(serial: int, *, district_code: str = "5201") -> str:
    return national_id_with_check_digit(f"3{district_code}{serial:07d}")


class VolunteerFactory(factory.django.DjangoModelFactory):
    """VolunteerFactory(province=lampang) puts the volunteer in the province's first subdistrict."""

    class Meta:
        model = Volunteer

    national_id = factory.Sequence(lambda n: valid_national_id(n + 1))
    title = Volunteer.Title.MR
    first_name = factory.Sequence(lambda n: f"สมชาย{n}")
    last_name = "ใจดี"
    gender = Volunteer.Gender.MALE
    phone = factory.Sequence(lambda n: f"081{n:07d}")

    @classmethod
    def _create(cls, model_class, *args, province=None, subdistrict=None, **kwargs):
        if subdistrict is None:
            subdistrict = Subdistrict.objects.filter(province=province).order_by("code").first()
        return super()._create(model_class, *args, subdistrict=subdistrict, **kwargs)
