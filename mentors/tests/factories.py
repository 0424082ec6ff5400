import factory

from mentors.models import Mentor
from provinces.models import Agency


class MentorFactory(factory.django.DjangoModelFactory):
    """MentorFactory(province=lampang) picks the province's Provincial Labour Office as the agency."""

    class Meta:
        model = Mentor
        exclude = ["province_obj"]

    title = "นาย"
    first_name = factory.Sequence(lambda n: f"พี่เลี้ยง{n}")
    last_name = "รักงาน"
    position = "นักวิชาการแรงงานชำนาญการ"
    phone = "054222333"
    province_obj = None

    @classmethod
    def _create(cls, model_class, *args, province=None, agency=None, **kwargs):
        if agency is None:
            agency = Agency.objects.get(province=province, kind=Agency.Kind.LABOUR)
        return super()._create(model_class, *args, agency=agency, **kwargs)
