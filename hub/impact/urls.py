from django.urls import path

from hub.impact import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("download/<slug:key>.<str:fmt>", views.download, name="download"),
    path("history-template.<str:fmt>", views.history_template, name="history-template"),
]
