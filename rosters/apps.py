from django.apps import AppConfig


class RostersConfig(AppConfig):
    name = "rosters"
    verbose_name = "นำเข้าและส่งออกรายชื่อ"
