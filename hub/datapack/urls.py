from django.urls import path

from hub.datapack import views

app_name = "datapack"

urlpatterns = [
    path("", views.pack, name="pack"),
    path("download.<str:fmt>", views.pack_download, name="download"),
    path("upload/", views.upload, name="upload"),
    path("returns/", views.returns, name="returns"),
    path("returns/<int:pk>/", views.return_children, name="return"),
    path("population/", views.population, name="population"),
    path("pdf/", views.pack_export, name="export_request"),
    path("pdf/<int:pk>/", views.pack_export_status, name="export"),
    path("pdf/<int:pk>/download", views.pack_export_download, name="export_download"),
]
