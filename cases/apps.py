from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "ชี้เป้า คัดกรอง ส่งต่อ"
