import factory
from django.contrib.auth.models import User

from accounts.models import StaffProfile

PASSWORD = "a-long-test-password-2568"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "ทดสอบ"
    last_name = factory.Sequence(lambda n: f"ผู้ใช้{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class StaffFactory(UserFactory):
    """A staff account with its role: StaffFactory(role="officer", province=lampang); agency staff also agency=..."""

    role = "officer"
    province = None
    agency = None

    @classmethod
    def _create(cls, model_class, *args, role, province, agency, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        StaffProfile.objects.update_or_create(
            user=user, defaults={"role": role, "province": province, "agency": agency}
        )
        return user
