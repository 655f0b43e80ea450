"""Rules as data: administrators change timescales here, as new versions."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hub.timescales.models import ClosureDay, ReminderPoint, TimescaleRule, TimescaleRuleVersion

_VERSION_FIELDS = (
    "number",
    "amount",
    "unit",
    "draft_to_qa_working_days_before",
    "qa_done_working_days_before",
    "pausable",
    "note",
    "created_at",
    "created_by",
)


class VersionInline(admin.TabularInline):
    model = TimescaleRuleVersion
    extra = 0
    fields = _VERSION_FIELDS
    readonly_fields = _VERSION_FIELDS
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TimescaleRule)
class TimescaleRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "assessment_type", "counted_from", "source"]
    inlines = [VersionInline]


@admin.register(TimescaleRuleVersion)
class TimescaleRuleVersionAdmin(admin.ModelAdmin):
    """A version is never edited once made: a change is a new version, so running clocks keep theirs."""

    list_display = ["rule", "number", "amount", "unit", "created_at"]
    fields = [
        "rule",
        "amount",
        "unit",
        "draft_to_qa_working_days_before",
        "qa_done_working_days_before",
        "pausable",
        "note",
    ]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TimescaleRuleVersion, form: Any, change: bool) -> None:
        from hub.timescales.services import rule_version_publish

        published = rule_version_publish(
            rule=obj.rule,
            actor=request.user,  # type: ignore[arg-type]
            amount=obj.amount,
            unit=obj.unit,
            draft_to_qa_working_days_before=obj.draft_to_qa_working_days_before,
            qa_done_working_days_before=obj.qa_done_working_days_before,
            pausable=obj.pausable,
            note=obj.note,
        )
        obj.pk = published.pk
        obj.number = published.number


@admin.register(ClosureDay)
class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ["day", "name"]

    # A closure day moves working-day due dates: every live clock is worked out again.
    def save_model(self, request: HttpRequest, obj: ClosureDay, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        from hub.timescales.services import timescales_recompute_live

        timescales_recompute_live()

    def delete_model(self, request: HttpRequest, obj: ClosureDay) -> None:
        super().delete_model(request, obj)
        from hub.timescales.services import timescales_recompute_live

        timescales_recompute_live()


@admin.register(ReminderPoint)
class ReminderPointAdmin(admin.ModelAdmin):
    list_display = ["code", "milestone", "offset_days", "notify_service_managers", "is_active"]
