import factory

from awards.models import Nomination
from core.thai import current_fiscal_year


class NominationFactory(factory.django.DjangoModelFactory):
    """NominationFactory(volunteer=v): awaiting HQ's review in the current fiscal year unless told otherwise."""

    class Meta:
        model = Nomination

    fiscal_year = factory.LazyFunction(current_fiscal_year)
    citation = "ช่วยแรงงานนอกระบบในตำบลเข้าสู่ระบบประกันสังคม 40 คน"
