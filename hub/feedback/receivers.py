"""What feedback does when a lower layer says something happened."""

from typing import Any


def invitations_on_report_filed(sender: object, *, report_id: int, **kwargs: Any) -> None:
    """A report was filed (and committed): the worker prepares the survey invitations and sends the emails."""
    from hub.feedback.tasks import invitations_prepare

    invitations_prepare.enqueue(report_id=report_id)
