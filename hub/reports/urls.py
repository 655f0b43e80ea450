from django.urls import path

from hub.reports import views

app_name = "reports"
urlpatterns = [
    path("qa/", views.qa_queue, name="qa-queue"),
    path("filed/", views.filed_list, name="filed-list"),
    path("<int:pk>/", views.draft, name="draft"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/qa/", views.qa, name="qa"),
    path("<int:pk>/file/", views.file_report, name="file"),
    path("<int:pk>/after-filing/", views.after, name="after"),
    path("<int:pk>/export/", views.export, name="export"),
    path("<int:pk>/documents/<int:export_id>/", views.export_download, name="download"),
    path("<int:pk>/filed/", views.filed, name="filed"),
]
