from django.urls import path

from hub.training import views

app_name = "training"
urlpatterns = [
    path("", views.sessions, name="sessions"),
    path("all/", views.hub_sessions, name="hub-sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/places/", views.places, name="places"),
    path("bookings/", views.my_bookings, name="my-bookings"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="cancel"),
    path("bookings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("bookings/<int:pk>/feedback/", views.feedback, name="feedback"),
]
