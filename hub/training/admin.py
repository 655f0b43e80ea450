"""Administrators add courses and sessions here; the hub's pages do the rest."""

from django.contrib import admin

from hub.training.models import Course, TrainingSession


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "provider")


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ("course", "starts_at", "places", "venue", "is_cancelled")
    list_filter = ("course", "is_cancelled")
    date_hierarchy = "starts_at"
