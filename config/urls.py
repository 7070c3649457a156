from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path


@login_not_required
def healthz(request):
    return JsonResponse({"status": "ok"})


admin.site.site_header = "Stance Tracker administration"
admin.site.site_title = "Stance Tracker"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("ingest/", include("articles.urls")),
    path("", include("api.urls")),
    path("alerts/", include("alerts.urls")),
    path("review/", include("review.urls")),
    path("", include("positions.urls")),
]
