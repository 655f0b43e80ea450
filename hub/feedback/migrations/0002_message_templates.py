"""The messages feedback sends, worded for an administrator to change in the admin."""

from django.db import migrations

TEMPLATES = [
    {
        "key": "survey-invitation-family",
        "name": "Survey invitation: family member",
        "placeholders": "hub_name hub_telephone closing_date survey_link",
        "subject": "Tell us what you think of your assessment",
        "body": (
            "Thank you for working with ((hub_name)).\n\n"
            "We would like to know what you thought of your assessment, so we can make the service better "
            "for other families. It takes about 10 minutes. You can skip any question, and your answers "
            "can be anonymous.\n\n"
            "Start here: ((survey_link))\n\n"
            "The link works until ((closing_date)). You can save your answers and come back with the same link.\n\n"
            "If you would rather tell us on the phone, call ((hub_telephone))."
        ),
    },
    {
        "key": "survey-invitation-professional",
        "name": "Survey invitation: professional",
        "placeholders": "hub_name hub_telephone closing_date survey_link",
        "subject": "Your feedback on an assessment by ((hub_name))",
        "body": (
            "An assessment you were involved in has been filed with the court. We would value your view of its "
            "timeliness, quality, communication, use of research and impact. It takes about 5 minutes.\n\n"
            "Start here: ((survey_link))\n\n"
            "The link works until ((closing_date)). Questions: ((hub_telephone))."
        ),
    },
    {
        "key": "advocacy-referral",
        "name": "Referral to an advocacy provider",
        "placeholders": "provider_name hub_name hub_telephone reference",
        "subject": "Advocacy referral from ((hub_name)), reference ((reference))",
        "body": (
            "Dear ((provider_name)),\n\n"
            "((hub_name)) has referred a parent or carer to you for advocacy during care proceedings. "
            "Please call us on ((hub_telephone)), quoting ((reference)), for their details."
        ),
    },
    {
        "key": "support-referral",
        "name": "Referral for kinship or post-separation support",
        "placeholders": "provider_name hub_name hub_telephone reference",
        "subject": "Support referral from ((hub_name)), reference ((reference))",
        "body": (
            "Dear ((provider_name)),\n\n"
            "((hub_name)) has referred someone to you for support. "
            "Please call us on ((hub_telephone)), quoting ((reference)), for their details."
        ),
    },
]


def add(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        MessageTemplate.objects.update_or_create(key=template["key"], defaults=template)


def remove(apps, schema_editor):
    apps.get_model("notifications", "MessageTemplate").objects.filter(
        key__in=[template["key"] for template in TEMPLATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("notifications", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
