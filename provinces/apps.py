from django.apps import AppConfig


class ProvincesConfig(AppConfig):
    name = "provinces"
    verbose_name = "ภูมิศาสตร์และหน่วยงาน"
