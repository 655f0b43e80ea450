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
]
