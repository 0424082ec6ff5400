import factory

from core.tests.national_ids import valid_national_id
from provinces.models import Subdistrict
from volunteers.models import Volunteer


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
