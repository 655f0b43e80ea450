from django.apps import AppConfig


class CaseAuditConfig(AppConfig):
    name = "hub.caseaudit"
    label = "caseaudit"
    verbose_name = "Case-file audit"
