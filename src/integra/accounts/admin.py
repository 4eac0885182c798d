from django.contrib import admin

from .models import PersonalAccessToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "language", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "language"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "user_permissions", "groups"]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "scope", "expires_at", "revoked_at"]
    readonly_fields = ["prefix", "secret_hash", "last_used_at", "revoked_at"]
    search_fields = ["user__email", "prefix"]
