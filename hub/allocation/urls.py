from django.urls import path

from hub.allocation import views

app_name = "allocation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("suggest/", views.suggest, name="suggest"),
    path("workload/", views.workload, name="workload"),
    path("assessments/<int:pk>/allocate/", views.allocate, name="allocate"),
    path("assessments/<int:pk>/reallocate/", views.reallocate, name="reallocate"),
    path("assessors/<int:pk>/reallocate/", views.reallocate_all, name="reallocate-all"),
]
