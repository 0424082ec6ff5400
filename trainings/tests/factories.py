import datetime as dt

import factory

from trainings.models import Category, Event, EventDay, EventTarget, Registration


class EventFactory(factory.django.DjangoModelFactory):
    """EventFactory(host_province=lampang): a one-day workshop with its day row; days follow start and end dates."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"ประชุมเชิงปฏิบัติการเครือข่ายอาสาสมัครแรงงาน ครั้งที่ {n + 1}")
    project = "โครงการเสริมสร้างศักยภาพเครือข่ายอาสาสมัครแรงงาน"
    kind = Event.Kind.WORKSHOP
    topics = factory.LazyFunction(lambda: ["network"])
    level = Event.Level.PROVINCIAL
    venue = "ห้องประชุมศาลากลางจังหวัด"
    start_date = dt.date(2020, 1, 7)
    end_date = factory.SelfAttribute("start_date")
    status = Event.Status.OPEN
    presiding_official = "นายทดสอบ ระบบดี"
    presiding_position = "แรงงานจังหวัด"

    class Params:
        # EventFactory(held=True): the event took place, as the reports' figures of past years count it.
        held = factory.Trait(status=Event.Status.DONE)

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if not create:
            return
        day = obj.start_date
        while day <= obj.end_date:
            EventDay.objects.get_or_create(event=obj, date=day)
            day += dt.timedelta(days=1)

    @factory.post_generation
    def targets(obj, create, extracted, **kwargs):
        """targets={"volunteer": (100, 120)} sets target and capacity per category."""
        for category, (target, capacity) in (extracted or {}).items():
            EventTarget.objects.create(event=obj, category=category, target=target, capacity=capacity)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A guest registration by default; pass volunteer= or mentor= for someone from the registry."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    category = Category.OTHER
    name = factory.Sequence(lambda n: f"นางสาวผู้เข้าร่วม ทดสอบ{n}")
    position = "นักวิชาการ"
    agency_name = "หน่วยงานทดสอบ"
    home_province = factory.LazyAttribute(
        lambda o: (o.volunteer or o.mentor).province if (o.volunteer or o.mentor) else o.event.host_province
    )
    volunteer = None
    mentor = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("volunteer") is not None:
            kwargs.setdefault("category", Category.VOLUNTEER)
            kwargs["name"] = ""
            if kwargs.get("category") == Category.OTHER:
                kwargs["category"] = Category.VOLUNTEER
        if kwargs.get("mentor") is not None:
            kwargs["name"] = ""
            if kwargs.get("category") == Category.OTHER:
                kwargs["category"] = Category.MENTOR
        return super()._create(model_class, *args, **kwargs)
