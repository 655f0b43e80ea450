from django.urls import path

from hub.feedback import views

app_name = "feedback"
urlpatterns = [
    # Public: the survey, by letter code or emailed link.
    path("", views.start, name="start"),
    path("s/<str:token>/", views.link, name="link"),
    path("survey/<int:step>/", views.survey, name="survey"),
    path("survey/saved/", views.saved, name="saved"),
    path("survey/thank-you/", views.thanks, name="thanks"),
    # Staff.
    path("results/", views.results, name="results"),
    path("advocacy/not-offered/", views.advocacy_not_offered, name="advocacy-not-offered"),
    path("support-providers/", views.providers, name="providers"),
    path("assessments/<int:pk>/invitations/", views.invitations, name="invitations"),
    path("assessments/<int:pk>/invitations/<int:invitation_id>/letter/", views.invitation_letter, name="letter"),
    path("assessments/<int:pk>/support/", views.support, name="support"),
    path("assessments/<int:pk>/support/<int:adult_id>/advocacy/", views.advocacy, name="advocacy"),
    path("assessments/<int:pk>/support/<int:adult_id>/refer/", views.support_refer, name="support-refer"),
]
