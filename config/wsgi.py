import os

from django.core.wsgi import get_wsgi_application

from config.memory import settle_worker

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
import config.urls  # noqa: E402, F401  every app's views and forms: loaded with the worker, and settled with it

settle_worker()
