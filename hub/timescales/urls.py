from django.urls import URLPattern

app_name = "timescales"
urlpatterns: list[URLPattern] = []
