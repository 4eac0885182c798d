from django.contrib import admin

from integra.core.admin_audit import AuditedModelAdmin

from .models import PersonalAccessToken, User


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    list_display = ["email", "full_name", "language", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "language"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "user_permissions", "groups"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "user", "prefix", "scope", "expires_at", "revoked_at"]
    readonly_fields = ["prefix", "secret_hash", "last_used_at", "revoked_at"]
    search_fields = ["user__email", "prefix"]
