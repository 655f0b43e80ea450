from django.urls import path

from hub.workspace.views import frameworks as views

app_name = "workspace"
urlpatterns = [
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/family/", views.family_link, name="family-link"),
    path("<int:pk>/sessions/", views.sessions, name="sessions"),
    path("<int:pk>/sessions/<int:session_id>/", views.session_edit, name="session-edit"),
    path("<int:pk>/chronology/", views.chronology, name="chronology"),
    path("<int:pk>/chronology/<int:entry_id>/", views.chronology_edit, name="chronology-edit"),
    path("<int:pk>/chronology/<int:entry_id>/remove/", views.chronology_remove, name="chronology-remove"),
    path("<int:pk>/sources/", views.sources, name="sources"),
    path("<int:pk>/sources/<int:request_id>/", views.source, name="source"),
    path("<int:pk>/sources/<int:request_id>/letter.docx", views.letter_docx, name="letter-docx"),
    path("<int:pk>/sources/<int:request_id>/letter/", views.letter_print, name="letter-print"),
    path("<int:pk>/household/", views.household, name="household"),
    path("<int:pk>/household/children/<int:child_id>/", views.child_record, name="child-record"),
    path("<int:pk>/household/adults/<int:adult_id>/", views.adult_views, name="adult-views"),
    path("<int:pk>/triangle/", views.triangle, name="triangle"),
    path("<int:pk>/capacity/", views.capacity, name="capacity"),
    path("<int:pk>/capacity/<int:adult_id>/", views.capacity_edit, name="capacity-edit"),
    path("<int:pk>/risk/", views.risk, name="risk"),
    path("<int:pk>/equality/", views.equality, name="equality"),
    path("<int:pk>/questions/", views.questions, name="questions"),
    path("<int:pk>/questions/hypotheses/<int:hypothesis_id>/", views.hypothesis_edit, name="hypothesis-edit"),
    path("<int:pk>/factors/", views.factors, name="factors"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/history/<slug:record_type>/<int:record_id>/", views.history_record, name="history-record"),
]
