from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from hub.accounts import services
from hub.accounts.models import ApiToken, AssessorProfile, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "ons_code", "dfe_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "ons_code"]


class AssessorProfileInline(admin.StackedInline[AssessorProfile, User]):
    model = AssessorProfile
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ["username", "full_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("full_name", "email", "role", "organisation")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "email", "role", "organisation", "password1", "password2")}),
    )
    inlines = [AssessorProfileInline]
    actions = ["deactivate"]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Deactivating someone here also ends the sessions they already have.
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.sessions_end(user=obj)

    @admin.action(description="Deactivate the selected people and end their sessions")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for person in queryset:
            services.user_deactivate(user=person)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["organisation", "name", "created_at", "revoked_at", "last_used_at"]
    readonly_fields = ["token_hash", "created_at", "last_used_at"]
