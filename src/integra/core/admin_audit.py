"""Django admin changes go to the audit trail like every other write."""

from django.contrib import admin

from . import audit


class AuditedModelAdmin(admin.ModelAdmin):
    def log_addition(self, request, obj, message):
        audit.record(action="admin.object.added", actor=request.user, obj=obj, data={"change": str(message)})
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit.record(action="admin.object.changed", actor=request.user, obj=obj, data={"change": str(message)})
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit.record(action="admin.object.deleted", actor=request.user, obj=obj, data={"repr": str(obj)})
        return super().log_deletions(request, queryset)
