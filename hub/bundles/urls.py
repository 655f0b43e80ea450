from django.urls import path

from hub.bundles import views

app_name = "bundles"
urlpatterns = [
    path("referral/<int:pk>/", views.bundle_overview, name="referral"),
    path("referral/<int:pk>/progress.json", views.bundle_progress, name="progress"),
    path("referral/<int:pk>/files/<int:document_pk>/retry/", views.reading_retry, name="retry"),
    path("referral/<int:pk>/files/<int:document_pk>/ocr/", views.ocr_start, name="ocr"),
    path("referral/<int:pk>/files/<int:document_pk>/file.pdf", views.document_pdf, name="pdf"),
    path("workspace/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("workspace/<int:pk>/suggestions/<int:suggestion_id>/", views.suggestion_edit, name="suggestion-edit"),
]
