from django.urls import path

from hub.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("start/", views.referral_start, name="start"),
    path("<int:pk>/letter/", views.referral_overview, name="overview"),
    path("<int:pk>/letter/check/", views.referral_check, name="check"),
    path("<int:pk>/letter/<slug:step>/", views.referral_step, name="step"),
    path("<int:pk>/letter/<slug:step>/<int:item_pk>/", views.referral_item_edit, name="item-edit"),
    path("<int:pk>/letter/<slug:step>/<int:item_pk>/remove/", views.referral_item_remove, name="item-remove"),
    path("<int:pk>/bundle/<int:document_pk>/", views.bundle_download, name="bundle-download"),
]
