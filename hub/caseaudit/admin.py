from django.contrib import admin

from hub.caseaudit.models import AuditProgramme, ProgrammeMember, Theme


class MemberInline(admin.TabularInline):
    model = ProgrammeMember
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(AuditProgramme)
class AuditProgrammeAdmin(admin.ModelAdmin):
    """Programmes and who takes part in them: auditors, moderators, dip-sample auditors, regional viewers."""

    list_display = ["name", "lead", "deadline", "cases_per_authority"]
    filter_horizontal = ["authorities"]
    inlines = [MemberInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    exclude = ["grades"]
