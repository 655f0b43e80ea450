from django.contrib import admin

from hub.allocation.models import AllocationRecord, AssessorDetails, LeavePeriod, MatchingWeights, Skill


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(AssessorDetails)
class AssessorDetailsAdmin(admin.ModelAdmin):
    list_display = ["profile", "languages", "works_part_time"]
    filter_horizontal = ["skills", "travel_areas"]


@admin.register(LeavePeriod)
class LeavePeriodAdmin(admin.ModelAdmin):
    list_display = ["profile", "kind", "starts", "ends"]
    list_filter = ["kind"]


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "training", "language", "travel", "continuity", "workload", "deadline", "leave"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        # One row only: the first allocation makes it with the defaults.
        return not MatchingWeights.objects.exists()


@admin.register(AllocationRecord)
class AllocationRecordAdmin(admin.ModelAdmin):
    """The history is read-only: it is evidence of how each decision was made."""

    list_display = ["assessment", "kind", "assessor", "decided_by", "decided_at", "from_batch"]
    list_filter = ["kind", "from_batch"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
