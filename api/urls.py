from django.urls import URLPattern, URLResolver, path

from . import exports
from .api import api

app_name = "api"


def _api_patterns():
    """The ninja API's URLs, opted out of the login redirect: the API answers 401 itself
    and accepts tokens, which the login middleware knows nothing about."""
    patterns, app, namespace = api.urls

    def opt_out(items):
        for item in items:
            if isinstance(item, URLResolver):
                opt_out(item.url_patterns)
            elif isinstance(item, URLPattern):
                item.callback.login_required = False
        return items

    return opt_out(list(patterns)), app, namespace


urlpatterns = [
    path("export/statements.csv", exports.export_csv, name="export_csv"),
    path("export/statements.json", exports.export_json, name="export_json"),
    path("api/", _api_patterns()),
]
