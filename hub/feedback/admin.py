"""Administrators keep the list of organisations people are referred to; answers are never edited here."""

from django.contrib import admin

from hub.feedback.models import SupportProvider


@admin.register(SupportProvider)
class SupportProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "email", "telephone", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)
