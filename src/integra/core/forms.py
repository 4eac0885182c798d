from django import forms
from django.utils.translation import gettext_lazy as _

from .countries import Country
from .models import Organisation, OrganisationKind
from .roles import ROLE_DESCRIPTIONS, Role
from .widgets import FastSelect


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    option_template_name = "core/widgets/role_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["description"] = ROLE_DESCRIPTIONS.get(value, "")
        return option


def role_field(**kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=_("Roles"), choices=Role.choices, widget=RoleCheckboxes,
                                     help_text=_("A person may hold several roles."), **kwargs)


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "parent", "city", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parent_choices is not None:
            self.fields["parent"].queryset = parent_choices
        self.fields["parent"].empty_label = _("None")
        self.order_fields(Organisation.EDITABLE_FIELDS)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in Organisation.EDITABLE_FIELDS}


class OrganisationCreateForm(OrganisationForm):
    first_admin_email = forms.EmailField(
        label=_("First administrator's e-mail"), required=False,
        help_text=_("We send this person an invitation to manage the organisation's people and settings."),
    )


class OrganisationEditForm(OrganisationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False,
                                choices=[("", _("All countries"))] + list(Country.choices))
    kind = forms.ChoiceField(label=_("Type"), required=False,
                             choices=[("", _("All types"))] + list(OrganisationKind.choices))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    roles = role_field()
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)


class MembershipForm(forms.Form):
    roles = role_field(required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or e-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles"))] + list(Role.choices))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Active")), ("inactive", _("Deactivated")), ("all", _("All"))])
    second_factor = forms.ChoiceField(label=_("Second factor"), required=False, choices=[
        ("", _("Any")), ("missing", _("Not set up"))])


PERSON_CHOICES_LIMIT = 300  # beyond it the person filter is an e-mail box (a platform with thousands of people)


class AuditFilterForm(forms.Form):
    """The audit trail's filters, as choices: person, action family or action, record reference, organisation,
    date range. `object_type`/`object_id` stay as hidden parameters (links from a row and the API)."""

    # FastSelect: hundreds of options (every action, up to PERSON_CHOICES_LIMIT people), written without a
    # template render per option.
    actor = forms.ChoiceField(label=_("Person"), required=False, widget=FastSelect)
    family = forms.ChoiceField(label=_("Kind of action"), required=False, widget=FastSelect)
    action = forms.ChoiceField(label=_("Action"), required=False, widget=FastSelect)
    reference = forms.CharField(label=_("Record reference"), required=False, max_length=100,
                                help_text=_("As people use it: a transition record's reference (TR-…), a "
                                            "certificate code."))
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int, empty_value=None,
                                          widget=FastSelect)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    object_type = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    object_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors
        from .audit_labels import action_choices, family_choices

        self.fields["action"].choices = [("", _("All actions"))] + action_choices()
        self.fields["family"].choices = [("", _("All kinds"))] + family_choices()
        scope = selectors.audit_filter_scope(actor=actor, limit=PERSON_CHOICES_LIMIT) if actor is not None \
            else {"organisations": [], "people": None}
        people = scope["people"]
        if people is None:  # too many to list, or no actor (the API): an e-mail address
            self.fields["actor"] = forms.EmailField(label=_("Person (e-mail)"), required=False)
        else:
            self.fields["actor"].choices = [("", _("Everyone"))] + people
        self.fields["organisation"].choices = [("", _("All organisations"))] + scope["organisations"]
        if actor is None:  # the API: any id is accepted, the policy still decides what is seen
            self.fields["organisation"] = forms.IntegerField(required=False, min_value=1)
        self.show_person_and_organisation = bool(scope["organisations"])
        if not self.show_person_and_organisation:
            self.fields["actor"].widget = forms.HiddenInput()
            self.fields["organisation"].widget = forms.HiddenInput()

    def selector_filters(self) -> dict:
        """The cleaned filters as keyword arguments for selectors.audit_events (an unbound form: none)."""
        data = self.cleaned_data if self.is_bound else {}
        object_type, object_id = data.get("object_type") or "", data.get("object_id") or ""
        if data.get("reference_target"):
            object_type, object_id = data["reference_target"]
        return {
            "action": data.get("action") or "", "family": data.get("family") or "",
            "actor_email": data.get("actor") or "",
            "object_type": object_type, "object_id": object_id,
            "organisation": data.get("organisation"), "date_from": data.get("date_from"),
            "date_to": data.get("date_to"), "before": data.get("before"),
        }

    def clean(self):
        from .audit_display import find_reference

        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        if data.get("reference"):
            # An unknown reference finds no event (and says nothing about whether such a record exists).
            data["reference_target"] = find_reference(data["reference"]) or ("-", "-")
        return data
