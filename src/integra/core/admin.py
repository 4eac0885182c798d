from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .admin_audit import AuditedModelAdmin
from .models import AuditEvent, Membership, MembershipRole, Organisation


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin, AuditedModelAdmin):
    list_display = ["name", "kind", "country", "is_active"]
    list_filter = ["kind", "country", "is_active"]
    search_fields = ["name", "city"]
    raw_id_fields = ["parent"]


class MembershipRoleInline(admin.TabularInline):
    model = MembershipRole
    extra = 0


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "organisation", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    inlines = [MembershipRoleInline]


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedModelAdmin):
    """Read-only: the trail is append-only even for platform administrators."""

    list_display = ["seq", "occurred_at", "actor_label", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["=actor_label", "=object_id"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
