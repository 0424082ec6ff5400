from django.apps import AppConfig


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = "พี่เลี้ยงอาสาสมัครแรงงาน"
