from django.urls import path

from hub.timescales import views

app_name = "timescales"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("mine/", views.my_deadlines, name="my-deadlines"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    path("<int:pk>/", views.clock_detail, name="detail"),
    path("<int:pk>/pause/", views.clock_pause, name="pause"),
    path("<int:pk>/extend/", views.clock_extend, name="extend"),
    path("<int:pk>/pauses/<int:pause_pk>/restart/", views.clock_resume, name="resume"),
    path("<int:pk>/milestone/", views.milestone_record, name="milestone"),
    path("<int:pk>/court-date/", views.court_date_record, name="court-date"),
    path("<int:pk>/rule-version/<int:version_pk>/", views.rule_version_apply, name="apply-version"),
]
