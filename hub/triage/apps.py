from django.apps import AppConfig


class TriageConfig(AppConfig):
    """The hub's decision on a referral: accept, decline or query, and the query thread.

    Above intake, assessments, timescales and the workspace: accepting a referral
    creates its assessments, starts their clocks and files it with its family, so
    it calls down into each of them and none of them knows about triage.
    """

    name = "hub.triage"
    label = "triage"
