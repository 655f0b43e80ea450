from django.urls import path

from hub.cin import views

app_name = "cin"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("children/new/", views.child_new, name="child-new"),
    path("children/<int:pk>/", views.child_detail, name="child"),
    path("children/<int:pk>/edit/", views.child_edit, name="child-edit"),
    path("children/<int:pk>/referrals/new/", views.referral_new, name="referral-new"),
    path("children/<int:pk>/team/new/", views.team_member_new, name="team-member-new"),
    path("children/<int:pk>/meetings/new/", views.team_meeting_new, name="meeting-new"),
    path("children/<int:pk>/co-working/new/", views.co_working_new, name="co-working-new"),
    path("children/<int:pk>/family-meetings/new/", views.family_meeting_new, name="family-meeting-new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:pk>/assessments/new/", views.assessment_start, name="assessment-start"),
    path("referrals/<int:pk>/plans/new/", views.plan_new, name="plan-new"),
    path("referrals/<int:pk>/section47/new/", views.section47_new, name="section47-new"),
    path("section47/<int:pk>/conference/", views.section47_conference, name="section47-conference"),
    path("referrals/<int:pk>/end/", views.involvement_end, name="end"),
    path("referrals/<int:pk>/closure-letter.pdf", views.closure_letter, name="closure-letter"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="assessment-complete"),
    path("assessments/<int:pk>/outcome-letter.pdf", views.assessment_letter, name="outcome-letter"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/reviews/new/", views.plan_review, name="plan-review"),
    path("meetings/<int:pk>/", views.team_meeting_detail, name="meeting"),
    path("family-meetings/<int:pk>/", views.family_meeting_detail, name="family-meeting"),
    path("family-meetings/<int:pk>/decide/", views.family_meeting_decide, name="family-meeting-decide"),
    path("family-meetings/<int:pk>/record/", views.family_meeting_record, name="family-meeting-record"),
    path("family-meetings/<int:pk>/proposals/new/", views.proposal_add, name="proposal-add"),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal-decide"),
    path("census/", views.census_page, name="census"),
    path("census/<int:year>.xml", views.census_download, name="census-download"),
]
