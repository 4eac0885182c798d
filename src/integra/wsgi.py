import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integra.settings.production")
application = get_wsgi_application()

from integra.core.checks import refuse_a_wrong_field_key  # noqa: E402  (needs the apps loaded above)

refuse_a_wrong_field_key()
