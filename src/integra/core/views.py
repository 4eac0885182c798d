"""Pages for the platform: home, dashboard, organisations, people, audit trail, notifications, health."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import access, audit, selectors, services
from .access import CHANGE, VIEW
from .audit_display import present
from .dashboard import cards_for
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
from .formviews import ServiceActionView, ServiceFormView
from .home import home_features, public_links
from .models import Invitation, Membership, Notification, Organisation
from .notifications import prepare_for_display
from .policy import DEACTIVATE, MANAGE_MEMBERS, can_read_any_audit
from .viewmixins import PublicView, SignedInView, public

AUDIT_PAGE_SIZE = 50
AUDIT_EXPORT_LIMIT = 100_000


class HomeView(PublicView):
    def get(self, request):
        return render(request, "core/home.html", {"features": home_features(), "public_links": public_links()})


class DashboardView(SignedInView):
    def get(self, request):
        cards = cards_for(request.user)
        memberships = selectors.my_memberships(actor=request.user)
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


class OrganisationCreateView(ServiceFormView):
    form_class = OrganisationCreateForm
    template_name = "core/organisation_form.html"

    def load(self, request, **kwargs):
        if not access.can_create(request.user, Organisation):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"parent_choices": access.visible(self.request.user, Organisation).filter(is_active=True)
                .only("id", "name")}

    def get_context(self, form):
        return {"creating": True}

    def perform(self, form):
        return services.organisation_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, organisation):
        if self.form.cleaned_data.get("first_admin_email"):
            messages.info(self.request, _("An invitation was sent to %(email)s.")
                          % {"email": self.form.cleaned_data["first_admin_email"]})
        return _("%(name)s was created.") % {"name": organisation.name}

    def success_url(self, organisation):
        return reverse("core:organisation_detail", args=[organisation.pk])


class OrganisationDetailView(SignedInView):
    def get(self, request, pk):
        organisation = access.access(request.user, Organisation, pk,
                                     queryset=access.visible(request.user, Organisation).select_related("parent"))
        children = access.visible(request.user, Organisation).filter(parent=organisation).order_by("name")
        return render(request, "core/organisation_detail.html", {
            "organisation": organisation, "children": children,
            "can_change": access.can(request.user, CHANGE, organisation),
            "can_manage_members": access.can(request.user, MANAGE_MEMBERS, organisation),
            "can_deactivate": access.can(request.user, DEACTIVATE, organisation),
            "can_view_audit": access.can(request.user, "view_audit", organisation),
        })


class OrganisationEditView(ServiceFormView):
    form_class = OrganisationEditForm
    template_name = "core/organisation_form.html"
    stale_message = _("Someone else changed this organisation after you opened it. Your changes were not saved: "
                      "reload the page to see theirs, then edit again.")

    def load(self, request, pk):
        self.organisation = access.access(request.user, Organisation, pk, CHANGE)

    def get_form_kwargs(self):
        # The form writes into its instance while validating: give it a copy, the service compares with the original.
        return {"instance": copy.copy(self.organisation),
                "parent_choices": access.visible(self.request.user, Organisation).filter(is_active=True)
                .exclude(pk=self.organisation.pk).only("id", "name")}

    def get_initial(self):
        return {"version": self.organisation.version}

    def get_context(self, form):
        return {"organisation": self.organisation}

    def perform(self, form):
        return services.organisation_update(actor=self.request.user, organisation=self.organisation,
                                            expected_version=form.cleaned_data["version"], **form.changes())

    def success_message(self, organisation):
        return _("Changes saved.")

    def success_url(self, organisation):
        return reverse("core:organisation_detail", args=[self.organisation.pk])


class OrganisationActiveView(ServiceActionView):
    def load(self, request, pk):
        self.organisation = access.access(request.user, Organisation, pk, DEACTIVATE)
        self.active = request.POST.get("active") == "1"

    def perform(self, form):
        return services.organisation_set_active(actor=self.request.user, organisation=self.organisation,
                                                active=self.active)

    def success_message(self, organisation):
        text = _("%(name)s was reactivated.") if self.active else _("%(name)s was deactivated.")
        return text % {"name": self.organisation.name}

    def back_url(self):
        return reverse("core:organisation_detail", args=[self.organisation.pk])


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


class InviteView(ServiceFormView):
    form_class = InviteForm
    template_name = "core/invite.html"

    def load(self, request, pk):
        self.organisation = access.access(request.user, Organisation, pk, MANAGE_MEMBERS)

    def get_context(self, form):
        return {"organisation": self.organisation}

    def perform(self, form):
        return services.invitation_create(actor=self.request.user, organisation=self.organisation,
                                          base_url=self.request.build_absolute_uri("/")[:-1], **form.cleaned_data)

    def success_message(self, created):
        invitation, _token = created
        return _("An invitation was sent to %(email)s.") % {"email": invitation.email}

    def success_url(self, invitation):
        return reverse("core:members", args=[self.organisation.pk])


class InvitationRevokeView(ServiceActionView):
    def load(self, request, pk):
        self.invitation = access.access(request.user, Invitation, pk, CHANGE)

    def perform(self, form):
        return services.invitation_revoke(actor=self.request.user, invitation=self.invitation)

    def success_message(self, result):
        return _("The invitation to %(email)s was revoked.") % {"email": self.invitation.email}

    def back_url(self):
        return reverse("core:members", args=[self.invitation.organisation_id])


def _membership(request, pk, action):
    return access.access(request.user, Membership, pk, action, queryset=access.visible(
        request.user, Membership).select_related("user", "organisation"))


class MembershipEditView(ServiceFormView):
    form_class = MembershipForm
    template_name = "core/membership_form.html"
    stale_message = _("Someone else changed this person's roles after you opened the page. Nothing was saved: "
                      "reload to see the current roles.")

    def load(self, request, pk):
        self.membership = _membership(request, pk, CHANGE)

    def get_initial(self):
        return {"roles": self.membership.role_codes, "job_title": self.membership.job_title,
                "version": self.membership.version}

    def get_context(self, form):
        return {"membership": self.membership}

    def perform(self, form):
        return services.membership_set_roles(actor=self.request.user, membership=self.membership,
                                             roles=form.cleaned_data["roles"], job_title=form.cleaned_data["job_title"],
                                             expected_version=form.cleaned_data["version"])

    def success_message(self, membership):
        return _("Roles of %(person)s saved.") % {"person": self.membership.user}

    def success_url(self, membership):
        return reverse("core:members", args=[self.membership.organisation_id])


class MembershipActiveView(ServiceActionView):
    def load(self, request, pk):
        self.membership = _membership(request, pk, DEACTIVATE)
        self.active = request.POST.get("active") == "1"

    def perform(self, form):
        return services.membership_set_active(actor=self.request.user, membership=self.membership,
                                              active=self.active)

    def success_message(self, membership):
        text = _("%(person)s can use %(organisation)s's space again.") if self.active else \
            _("%(person)s no longer has access through %(organisation)s.")
        return text % {"person": self.membership.user, "organisation": self.membership.organisation}

    def back_url(self):
        return reverse("core:members", args=[self.membership.organisation_id])


class AuditView(SignedInView):
    def get(self, request):
        form = AuditFilterForm(request.GET or None, actor=request.user)
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
            "form": form, "events": present(events),
            "older_query": older.urlencode() if has_older else "",
            "export_query": _without(request.GET, "before"), "wide": can_read_any_audit(request.user),
        })


class AuditCheckpointsView(SignedInView):
    """For the data-protection officer: the signed tree heads kept outside the database, and the last check."""

    def get(self, request):
        return render(request, "core/audit_checkpoints.html", selectors.audit_checkpoints(actor=request.user))


def _without(query, key):
    copy = query.copy()
    copy.pop(key, None)
    return copy.urlencode()


def _chunks(iterable, size):
    """Lists of `size` items (names and records are then resolved once per chunk, not per row)."""
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class AuditExportView(SignedInView):
    """The filtered audit trail as CSV (spreadsheet formulas neutralised). The export is itself audited."""

    def get(self, request):
        form = AuditFilterForm(request.GET or None, actor=request.user)
        if form.is_bound and not form.is_valid():
            return HttpResponse(_("The filters are not valid: %(errors)s") % {"errors": form.errors.as_text()},
                                status=400, content_type="text/plain; charset=utf-8")
        filters = form.selector_filters()
        audit.record(action="core.audit.exported", actor=request.user,
                     data={k: v for k, v in filters.items() if v})
        events = selectors.audit_events(actor=request.user, **filters)[:AUDIT_EXPORT_LIMIT]
        header = ["seq", "occurred_at", "actor", "actor_name", "actor_organisation", "organisation", "action",
                  "description", "object_type", "object_id", "record", "purpose", "purpose_description",
                  "ip_address", "user_agent", "hash"]
        rows = (row for chunk in _chunks(events.iterator(chunk_size=2000), 2000) for row in (
            (v.event.seq, v.event.occurred_at.isoformat(), v.event.actor_label, v.person, v.person_organisation,
             v.organisation, v.event.action, v.action, v.event.object_type, v.event.object_id, v.record,
             v.event.purpose, v.purpose, v.event.ip_address or "", v.event.user_agent, v.event.hash)
            for v in present(chunk)))
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="integra-audit-{stamp}.csv"'
        return response


class NotificationsView(SignedInView):
    def get(self, request):
        qs = access.visible(request.user, Notification)
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        page.object_list = prepare_for_display(request.user, page.object_list)
        return render(request, "core/notifications.html", {"page": page})


class NotificationReadView(SignedInView):
    def post(self, request, pk=None):
        notification = access.access(request.user, Notification, pk, CHANGE) if pk else None
        services.notification_mark_read(actor=request.user, notification=notification)
        if request.headers.get("HX-Request"):
            return render(request, "core/partials/notification.html", {"notification": prepare_for_display(
                request.user, [access.access(request.user, Notification, pk, VIEW)])[0]}) if pk \
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
