from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "hub.referrals"
    label = "referrals"
