import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

application = get_wsgi_application()

# As in config/asgi.py: what is loaded at start-up is left out of every garbage collection.
gc.freeze()
