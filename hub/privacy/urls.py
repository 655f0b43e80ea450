from django.urls import path

from hub.privacy import views

app_name = "privacy"
urlpatterns = [
    path("retention/", views.retention_reviews, name="retention-reviews"),
]
