from django.urls import path

from hub.triage import views

# Served under /referrals/ beside intake: the referral's page is where the hub decides on it.
app_name = "triage"
urlpatterns = [
    path("triage/", views.triage_queue, name="queue"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/triage/<slug:action>/", views.referral_triage, name="action"),
    path("<int:pk>/answer/", views.referral_answer, name="answer"),
]
