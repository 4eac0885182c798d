"""Pages for the platform: home, dashboard, organisations, people, audit trail, notifications, health."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import access, audit, selectors, services
from .access import CHANGE, VIEW
from .audit_labels import describe
from .dashboard import cards_for
from .errors import StaleEdit
from .exports import csv_rows
from .forms import (
    AuditFilterForm,
    InviteForm,
    MemberFilterForm,
    MembershipForm,
    OrganisationCreateForm,
    OrganisationEditForm,
    OrganisationFilterForm,
)
from .formviews import add_form_errors  # noqa: F401  (re-exported until every app imports it from formviews)
from .models import Invitation, Membership, Notification, Organisation
from .policy import DEACTIVATE, MANAGE_MEMBERS, can_read_any_audit
from .viewmixins import PublicView, SignedInView, public

AUDIT_PAGE_SIZE = 50
AUDIT_EXPORT_LIMIT = 100_000


class HomeView(PublicView):
    def get(self, request):
        return render(request, "core/home.html")


class DashboardView(SignedInView):
    def get(self, request):
        cards = cards_for(request.user)
        memberships = (Membership.objects.active().filter(user=request.user)
                       .select_related("organisation").prefetch_related("roles"))
        return render(request, "core/dashboard.html", {
            "cards": cards, "attention": [c for c in cards if c.needs_attention],
            "others": [c for c in cards if not c.needs_attention], "memberships": memberships,
        })


class OrganisationListView(SignedInView):
    def get(self, request):
        form = OrganisationFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.organisation_list(actor=request.user, managed=bool(request.GET.get("managed")), **filters)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(request, "core/organisation_list.html", {
            "form": form, "page": page,
            "can_create": access.can_create(request.user, Organisation),
        })


class OrganisationCreateView(SignedInView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_create(request.user, Organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._render(request, OrganisationCreateForm(parent_choices=self._parents(request)))

    def post(self, request):
        form = OrganisationCreateForm(request.POST, parent_choices=self._parents(request))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                organisation = services.organisation_create(actor=request.user, **data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("%(name)s was created.") % {"name": organisation.name})
                if data.get("first_admin_email"):
                    messages.info(request, _("An invitation was sent to %(email)s.")
                                  % {"email": data["first_admin_email"]})
                return redirect("core:organisation_detail", pk=organisation.pk)
        return self._render(request, form, status=400)

    def _parents(self, request):
        return access.visible(request.user, Organisation).filter(is_active=True).only("id", "name")

    def _render(self, request, form, status=200):
        return render(request, "core/organisation_form.html", {"form": form, "creating": True}, status=status)


class OrganisationDetailView(SignedInView):
    def get(self, request, pk):
        organisation = access.access(request.user, Organisation, pk,
                                     queryset=access.visible(request.user, Organisation).select_related("parent"))
        children = access.visible(request.user, Organisation).filter(parent=organisation).order_by("name")
        return render(request, "core/organisation_detail.html", {
            "organisation": organisation, "children": children,
            "can_change": access.can(request.user, CHANGE, organisation),
            "can_manage_members": access.can(request.user, MANAGE_MEMBERS, organisation),
            "can_deactivate": access.is_platform_admin(request.user),
            "can_view_audit": access.can(request.user, "view_audit", organisation),
        })


class OrganisationEditView(SignedInView):
    def get(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, CHANGE)
        form = OrganisationEditForm(instance=organisation, initial={"version": organisation.version},
                                    parent_choices=self._parents(request, organisation))
        return render(request, "core/organisation_form.html", {"form": form, "organisation": organisation})

    def post(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, CHANGE)
        form = OrganisationEditForm(request.POST, instance=Organisation.objects.get(pk=organisation.pk),
                                    parent_choices=self._parents(request, organisation))
        if form.is_valid():
            changes = form.changes()
            try:
                services.organisation_update(actor=request.user, organisation=organisation,
                                             expected_version=form.cleaned_data["version"], **changes)
            except StaleEdit:
                form.add_error(None, _("Someone else changed this organisation after you opened it. Your changes "
                                       "were not saved: reload the page to see theirs, then edit again."))
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("core:organisation_detail", pk=organisation.pk)
        return render(request, "core/organisation_form.html", {"form": form, "organisation": organisation},
                      status=409 if form.non_field_errors() else 400)

    def _parents(self, request, organisation):
        return (access.visible(request.user, Organisation).filter(is_active=True).exclude(pk=organisation.pk)
                .only("id", "name"))


class OrganisationActiveView(SignedInView):
    def post(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, DEACTIVATE)
        active = request.POST.get("active") == "1"
        services.organisation_set_active(actor=request.user, organisation=organisation, active=active)
        text = _("%(name)s was reactivated.") if active else _("%(name)s was deactivated.")
        messages.success(request, text % {"name": organisation.name})
        return redirect("core:organisation_detail", pk=organisation.pk)


class MembersView(SignedInView):
    def get(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, MANAGE_MEMBERS)
        form = MemberFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        members = selectors.organisation_members(actor=request.user, organisation=organisation, **filters)
        page = Paginator(members, 25).get_page(request.GET.get("page"))
        return render(request, "core/members.html", {
            "organisation": organisation, "form": form, "page": page,
            "invitations": selectors.pending_invitations(actor=request.user, organisation=organisation),
        })


class InviteView(SignedInView):
    def get(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, MANAGE_MEMBERS)
        return render(request, "core/invite.html", {"organisation": organisation, "form": InviteForm()})

    def post(self, request, pk):
        organisation = access.access(request.user, Organisation, pk, MANAGE_MEMBERS)
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_create(actor=request.user, organisation=organisation,
                                           base_url=request.build_absolute_uri("/")[:-1], **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("An invitation was sent to %(email)s.")
                                 % {"email": form.cleaned_data["email"]})
                return redirect("core:members", pk=organisation.pk)
        return render(request, "core/invite.html", {"organisation": organisation, "form": form}, status=400)


class InvitationRevokeView(SignedInView):
    def post(self, request, pk):
        invitation = access.access(request.user, Invitation, pk, CHANGE)
        try:
            services.invitation_revoke(actor=request.user, invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
        return redirect("core:members", pk=invitation.organisation_id)


class MembershipEditView(SignedInView):
    def _membership(self, request, pk):
        return access.access(request.user, Membership, pk, CHANGE, queryset=access.visible(
            request.user, Membership).select_related("user", "organisation"))

    def get(self, request, pk):
        membership = self._membership(request, pk)
        form = MembershipForm(initial={"roles": membership.role_codes, "job_title": membership.job_title,
                                       "version": membership.version})
        return render(request, "core/membership_form.html", {"membership": membership, "form": form})

    def post(self, request, pk):
        membership = self._membership(request, pk)
        form = MembershipForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.membership_set_roles(actor=request.user, membership=membership,
                                              roles=form.cleaned_data["roles"],
                                              job_title=form.cleaned_data["job_title"],
                                              expected_version=form.cleaned_data["version"])
            except StaleEdit:
                status = 409
                form.add_error(None, _("Someone else changed this person's roles after you opened the page. "
                                       "Nothing was saved: reload to see the current roles."))
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Roles of %(person)s saved.") % {"person": membership.user})
                return redirect("core:members", pk=membership.organisation_id)
        return render(request, "core/membership_form.html", {"membership": membership, "form": form},
                      status=status)


class MembershipActiveView(SignedInView):
    def post(self, request, pk):
        membership = access.access(request.user, Membership, pk, DEACTIVATE, queryset=access.visible(
            request.user, Membership).select_related("user", "organisation"))
        active = request.POST.get("active") == "1"
        try:
            services.membership_set_active(actor=request.user, membership=membership, active=active)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = _("%(person)s can use %(organisation)s's space again.") if active else \
                _("%(person)s no longer has access through %(organisation)s.")
            messages.success(request, text % {"person": membership.user, "organisation": membership.organisation})
        return redirect("core:members", pk=membership.organisation_id)


class AuditView(SignedInView):
    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return render(request, "core/audit.html", {"form": form, "events": [], "invalid": True}, status=400)
        filters = form.selector_filters()
        events = list(selectors.audit_events(actor=request.user, **filters)[:AUDIT_PAGE_SIZE + 1])
        has_older = len(events) > AUDIT_PAGE_SIZE
        events = events[:AUDIT_PAGE_SIZE]
        older = request.GET.copy()
        if has_older:
            older["before"] = events[-1].seq
        return render(request, "core/audit.html", {
            "form": form, "events": [(e, describe(e.action)) for e in events],
            "older_query": older.urlencode() if has_older else "",
            "export_query": _without(request.GET, "before"), "wide": can_read_any_audit(request.user),
        })


def _without(query, key):
    copy = query.copy()
    copy.pop(key, None)
    return copy.urlencode()


class AuditExportView(SignedInView):
    """The filtered audit trail as CSV (spreadsheet formulas neutralised). The export is itself audited."""

    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            return HttpResponse(_("The filters are not valid: %(errors)s") % {"errors": form.errors.as_text()},
                                status=400, content_type="text/plain; charset=utf-8")
        filters = form.selector_filters()
        audit.record(action="core.audit.exported", actor=request.user,
                     data={k: v for k, v in filters.items() if v})
        events = selectors.audit_events(actor=request.user, **filters)[:AUDIT_EXPORT_LIMIT]
        header = ["seq", "occurred_at", "actor", "organisation", "action", "description", "object_type",
                  "object_id", "purpose", "ip_address", "user_agent", "hash"]
        rows = ((e.seq, e.occurred_at.isoformat(), e.actor_label, e.organisation.name if e.organisation else "",
                 e.action, describe(e.action), e.object_type, e.object_id, e.purpose, e.ip_address or "",
                 e.user_agent, e.hash) for e in events.iterator(chunk_size=2000))
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="integra-audit-{stamp}.csv"'
        return response


class NotificationsView(SignedInView):
    def get(self, request):
        qs = access.visible(request.user, Notification)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        return render(request, "core/notifications.html", {"page": page})


class NotificationReadView(SignedInView):
    def post(self, request, pk=None):
        notification = access.access(request.user, Notification, pk, CHANGE) if pk else None
        services.notification_mark_read(actor=request.user, notification=notification)
        if request.headers.get("HX-Request"):
            return render(request, "core/partials/notification.html",
                          {"notification": access.access(request.user, Notification, pk, VIEW)}) if pk \
                else HttpResponse(status=204, headers={"HX-Refresh": "true"})
        return redirect("core:notifications")


@public
@never_cache
@require_GET
def healthz(request):
    """Liveness and database check for load balancers: 200 when the database answers, 503 when not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unavailable"
    from django.conf import settings
    from django.core.cache import cache

    if settings.REDIS_URL:
        try:
            cache.set("integra:healthz", "1", 5)
            checks["cache"] = "ok" if cache.get("integra:healthz") == "1" else "unavailable"
        except Exception:
            checks["cache"] = "unavailable"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", "checks": checks},
                        status=200 if healthy else 503)


@public
@require_GET
def favicon(request):
    return redirect(static("core/favicon.svg"), permanent=True)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # Rendered without context processors: the failure may be the database they would query.
    from django.template.loader import render_to_string

    return HttpResponse(render_to_string("500.html"), status=500)
