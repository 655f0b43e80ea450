from django.urls import path

from hub.workspace.views import chronology, frameworks, history, household, overview, sessions, sources

app_name = "workspace"
urlpatterns = [
    path("<int:pk>/", overview.overview, name="overview"),
    path("<int:pk>/family/", overview.family_link, name="family-link"),
    path("<int:pk>/sessions/", sessions.sessions, name="sessions"),
    path("<int:pk>/sessions/<int:session_id>/", sessions.session_edit, name="session-edit"),
    path("<int:pk>/chronology/", chronology.chronology, name="chronology"),
    path("<int:pk>/chronology/<int:entry_id>/", chronology.chronology_edit, name="chronology-edit"),
    path("<int:pk>/chronology/<int:entry_id>/remove/", chronology.chronology_remove, name="chronology-remove"),
    path("<int:pk>/sources/", sources.sources, name="sources"),
    path("<int:pk>/sources/<int:request_id>/", sources.source, name="source"),
    path("<int:pk>/sources/<int:request_id>/letter.docx", sources.letter_docx, name="letter-docx"),
    path("<int:pk>/sources/<int:request_id>/letter/", sources.letter_print, name="letter-print"),
    path("<int:pk>/household/", household.household, name="household"),
    path("<int:pk>/household/children/<int:child_id>/", household.child_record, name="child-record"),
    path("<int:pk>/household/adults/<int:adult_id>/", household.adult_views, name="adult-views"),
    path("<int:pk>/triangle/", frameworks.triangle, name="triangle"),
    path("<int:pk>/capacity/", frameworks.capacity, name="capacity"),
    path("<int:pk>/capacity/<int:adult_id>/", frameworks.capacity_edit, name="capacity-edit"),
    path("<int:pk>/risk/", frameworks.risk, name="risk"),
    path("<int:pk>/equality/", frameworks.equality, name="equality"),
    path("<int:pk>/questions/", frameworks.questions, name="questions"),
    path("<int:pk>/questions/hypotheses/<int:hypothesis_id>/", frameworks.hypothesis_edit, name="hypothesis-edit"),
    path("<int:pk>/factors/", frameworks.factors, name="factors"),
    path("<int:pk>/history/", history.history, name="history"),
    path("<int:pk>/history/<slug:record_type>/<int:record_id>/", history.history_record, name="history-record"),
]
