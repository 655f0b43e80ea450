from django.urls import path

from hub.caseaudit import views

app_name = "caseaudit"
urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("new/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme"),
    path("<int:pk>/authorities/<int:authority_pk>/select/", views.cases_select, name="select"),
    path("<int:pk>/themes/", views.themes, name="themes"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.<str:fmt>", views.results_download, name="results-download"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<str:kind>/", views.audit_edit, name="audit"),
    path("audits/<int:pk>/moderate/", views.audit_moderate, name="moderate"),
    path("audits/<int:pk>/themes/", views.audit_themes, name="audit-themes"),
]
