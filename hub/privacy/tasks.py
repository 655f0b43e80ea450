"""Background work for data protection, run by the database task worker."""

from django.tasks import task

from hub.privacy import services


@task()
def flag_records_due_for_review() -> int:
    """Flag records past their retention date for a person to review. Never deletes."""
    return services.retention_flag_due()
