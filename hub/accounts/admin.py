from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["organisation", "name", "created_at", "revoked_at", "last_used_at"]
    readonly_fields = ["token_hash", "created_at", "last_used_at"]
