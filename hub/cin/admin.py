from django.contrib import admin

from hub.cin.models import AuthoritySettings, TeamMembership


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin[TeamMembership]):
    list_display = ["user", "is_manager"]
    list_filter = ["is_manager"]
    autocomplete_fields = ["user"]


@admin.register(AuthoritySettings)
class AuthoritySettingsAdmin(admin.ModelAdmin[AuthoritySettings]):
    list_display = ["local_authority", "assessment_model"]
