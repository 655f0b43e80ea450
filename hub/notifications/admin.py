"""Administrators reword the messages; the record of messages sent is read-only."""

from django.contrib import admin
from django.http import HttpRequest

from hub.notifications.models import Message, MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "updated_at")
    fields = ("name", "key", "placeholders", "subject", "body", "notify_template_id", "updated_at")
    readonly_fields = ("key", "placeholders", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A template nothing sends would never be used: the code adds them.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "template", "recipient", "status", "backend", "sent_at")
    list_filter = ("status", "template", "backend")
    search_fields = ("recipient", "about_id")
    readonly_fields = [field.name for field in Message._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
