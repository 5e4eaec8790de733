"""The project's URLs plus one bare page in the site's layout, so the widget's browser tests do not
depend on any particular content page existing in the test database."""

from django.urls import path
from django.views.generic import TemplateView

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("stack-test/widget/", TemplateView.as_view(template_name="base.html")),
    *project_urlpatterns,
]
