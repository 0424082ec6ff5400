"""Lists of the 77 provinces a reader picks from are in the reader's order: A-Z by English name on an English page,
Thai dictionary order (กระบี่, กรุงเทพมหานคร, กาญจนบุรี, ...) on a Thai one, decided for each request."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from provinces.models import Province

pytestmark = pytest.mark.django_db

ENGLISH_FIRST = ["Amnat Charoen", "Ang Thong", "Bangkok", "Bueng Kan", "Buri Ram"]
THAI_FIRST = ["กระบี่", "กรุงเทพมหานคร", "กาญจนบุรี", "กาฬสินธุ์", "กำแพงเพชร"]


class _Options(HTMLParser):
    """The labels of the options of one <select name=...>, without the empty "every province" choice."""

    def __init__(self, name):
        super().__init__()
        self.name, self.inside, self.value, self.labels = name, False, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif tag == "option" and self.inside:
            self.value = attrs.get("value") or ""
            if self.value:
                self.labels.append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False
        elif tag == "option":
            self.value = None

    def handle_data(self, data):
        if self.inside and self.value:
            self.labels[-1] += data.strip()


def provinces_offered(client, url, select_name, language):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    parser = _Options(select_name)
    parser.feed(response.content.decode())
    assert len(parser.labels) == 77, parser.labels[:5]
    return parser.labels


PAGES = [
    # The volunteer list's filter, as HQ.
    ("hq_analyst", "volunteers:list", "province"),
    # An event's host province, as an HQ officer planning a national event.
    ("hq_officer", "trainings:create", "host_province"),
    # The awards review's filter.
    ("hq_officer", "awards:review", "province"),
    # The "choose a province first" page of an administrator registering a volunteer.
    ("admin", "volunteers:create", "province"),
    # The events list's filter.
    ("hq_analyst", "trainings:list", "province"),
]


@pytest.mark.parametrize(("persona", "url_name", "select_name"), PAGES)
def test_an_english_reader_finds_the_provinces_from_a_to_z_and_a_thai_reader_in_thai_order(
    client_for, personas, persona, url_name, select_name
):
    client, url = client_for(personas[persona]), reverse(url_name)

    english = provinces_offered(client, url, select_name, "en")
    assert english[:5] == ENGLISH_FIRST
    assert english == sorted(Province.objects.values_list("name_en", flat=True))

    # The same page asked again in Thai: the order is the request's, not the one of whoever came first.
    thai = provinces_offered(client, url, select_name, "th")
    assert thai[:5] == THAI_FIRST
    assert thai == list(Province.objects.order_by("name_sort").values_list("name_th", flat=True))


def test_hq_choosing_a_province_for_the_monthly_reports_finds_each_regions_provinces_in_the_readers_order(
    client_for, hq_analyst
):
    client = client_for(hq_analyst)
    for language, name in (("en", "name_en"), ("th", "name_th")):
        client.cookies["django_language"] = language
        provinces = list(client.get(reverse("activity:home")).context["provinces"])
        assert len(provinces) == 77
        # Still region by region (Bangkok, Central, North, Northeast, South), each region's provinces in the
        # reader's order: Chiang Mai, Chiang Rai, Kamphaeng Phet, ... or กำแพงเพชร, เชียงราย, เชียงใหม่, ...
        assert [p.region.sort_order for p in provinces] == sorted(p.region.sort_order for p in provinces)
        north = [getattr(p, name) for p in provinces if p.region.code == "north"]
        expected = Province.objects.filter(region__code="north")
        if language == "en":
            assert north[:3] == ["Chiang Mai", "Chiang Rai", "Kamphaeng Phet"]
            assert north == sorted(expected.values_list("name_en", flat=True))
        else:
            assert north == list(expected.order_by("name_sort").values_list("name_th", flat=True))
