import datetime as dt

import factory
from django.utils import timezone

from cases.models import Case
from provinces.models import Agency


class CaseFactory(factory.django.DjangoModelFactory):
    """CaseFactory(volunteer=v) refers a case of v's province and subdistrict to the province's employment office."""

    class Meta:
        model = Case

    spotted_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))
    referred_on = factory.SelfAttribute("spotted_on")
    needs = factory.LazyFunction(lambda: ["job_seekers"])
    person_name = "นางสาวทดสอบ ผู้รับบริการ"
    person_contact = "0899999999"

    @classmethod
    def _create(cls, model_class, *args, volunteer, agency=None, **kwargs):
        kwargs.setdefault("subdistrict_id", volunteer.subdistrict_id)
        if agency is None:
            agency = Agency.objects.get(province_id=volunteer.province_id, kind=Agency.Kind.EMPLOYMENT)
        return super()._create(
            model_class, *args, volunteer=volunteer, province_id=volunteer.province_id, agency=agency, **kwargs
        )
