"""An officer's main pages in English mode read as English (issue 13): the only Thai left is data typed in Thai
(people's names, places, agencies, event titles), never a heading, label, button or message of the portal."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from core.tests.test_english_mode import THAI, sign_in_in_english
from mentors.tests.factories import MentorFactory
from provinces.models import Subdistrict
from trainings.tests.factories import EventFactory, RegistrationFactory
from volunteers.tests.factories import VolunteerFactory

# What a reader meets on the page: every text node and the text of titles, labels and placeholders, without the
# language switch, whose "ภาษาไทย" is meant to be Thai, and without scripts and styles.
SHOWN_TEXT = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll('form[action$="/i18n/setlang/"], script, style, template').forEach((e) => e.remove());
  const texts = [document.title];
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) texts.push(walker.currentNode.nodeValue);
  copy.querySelectorAll('[title], [placeholder], [aria-label], [alt], [data-bs-title]').forEach((e) => {
    for (const name of ['title', 'placeholder', 'aria-label', 'alt', 'data-bs-title']) texts.push(e.getAttribute(name) || '');
  });
  copy.querySelectorAll('input[type=submit], input[type=button]').forEach((e) => texts.push(e.value));
  return texts.join('\\n');
}"""

# The models whose rows are data: the Thai in their free-text fields is what people typed or the official name.
DATA_MODELS = [
    "provinces.Region",
    "provinces.Province",
    "provinces.District",
    "provinces.Subdistrict",
    "provinces.Agency",
    "volunteers.Volunteer",
    "mentors.Mentor",
    "trainings.Event",
    "trainings.Registration",
    "auth.User",
]


def thai_of_data(province) -> set[str]:
    words = set()
    for label in DATA_MODELS:
        model = apps.get_model(label)
        # A field with choices holds a code whose label is the portal's, and must be translated.
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        for row in model.objects.values_list(*fields):
            words.update(THAI.findall(" ".join(value or "" for value in row)))
    # A place is named the Thai way in addresses and in the history, in any language: ตำบลเวียงเหนือ, อำเภอเมืองลำปาง.
    for subdistrict in Subdistrict.objects.filter(province=province).select_related("district", "province"):
        words.update(THAI.findall(subdistrict.full_name))
    return words


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officers_main_pages_in_english_show_no_thai_but_data(page, live_server, lampang, lampang_officer):
    mentor = MentorFactory(province=lampang, title="ดร.", first_name="วิไล", last_name="พี่เลี้ยงดี")
    volunteer = VolunteerFactory(province=lampang, first_name="กาญจนา", last_name="ศรีวิชัย", mentor=mentor)
    VolunteerFactory(province=lampang, first_name="สมหมาย", last_name="ขยันยิ่ง")
    event = EventFactory(host_province=lampang)
    RegistrationFactory(event=event, volunteer=volunteer)
    RegistrationFactory(event=event, mentor=mentor)
    data = thai_of_data(lampang)
    sign_in_in_english(page, live_server, lampang_officer)

    pages = {
        "volunteer list": reverse("volunteers:list"),
        "volunteer": reverse("volunteers:detail", args=[volunteer.pk]),
        "mentor list": reverse("mentors:list"),
        "mentor": reverse("mentors:detail", args=[mentor.pk]),
        "trainings": reverse("trainings:list"),
        "event": reverse("trainings:detail", args=[event.pk]),
        "import": reverse("rosters:list"),
        "province report": reverse("reports:province", args=[lampang.code]),
    }
    thai = {}
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        lines = page.evaluate(SHOWN_TEXT).splitlines()
        left = sorted(set(THAI.findall("\n".join(lines))) - data)
        if left:
            # Each word with the first line it is on, to find its template.
            thai[name] = {word: next(line.strip() for line in lines if word in line) for word in left}
    assert not thai, "Thai that is not data, by page (wrap it in {% translate %}):\n" + "\n".join(
        f"{name}: {words}" for name, words in thai.items()
    )
