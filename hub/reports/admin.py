"""Administrators edit the report templates; reports themselves are only ever changed through the pages."""

from django.contrib import admin

from hub.reports.models import ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "assessment_type", "updated_at")
    fields = ("assessment_type", "name", "note", "sections", "word_template")
    readonly_fields = ("updated_at",)
