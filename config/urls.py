from django.contrib import admin
from django.urls import include, path

from hub.api.api import api

admin.site.site_header = "Assessment Hub administration"
admin.site.site_title = "Assessment Hub administration"

urlpatterns = [
    path("", include("hub.core.urls")),
    path("accounts/", include("hub.accounts.urls")),
    path("referrals/", include("hub.referrals.urls")),
    path("timescales/", include("hub.timescales.urls")),
    path("allocation/", include("hub.allocation.urls")),
    path("workspace/", include("hub.workspace.urls")),
    path("privacy/", include("hub.privacy.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
