from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "hub.feedback"
    label = "feedback"

    def ready(self) -> None:
        from hub.feedback import receivers
        from hub.reports.signals import report_filed

        # Reports cannot know about feedback (it is the layer above): it says a report was filed, we listen.
        report_filed.connect(receivers.invitations_on_report_filed, dispatch_uid="hub_feedback_report_filed")
