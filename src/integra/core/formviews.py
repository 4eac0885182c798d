"""The two shapes of a page that writes, so no view writes the dance by hand.

- `ServiceFormView`: a page with a form. GET shows it; POST validates it, calls one service, puts the
  service's errors on the form next to their fields (a stale edit answers 409, any other error 400), and on
  success says so and redirects.
- `ServiceActionView`: a button on another page (POST only). It calls one service and goes back, with the
  outcome as a message: success, or the service's error in the user's language.

A subclass says what to fetch (`load`, through the app's `access_<entity>`), which service to call
(`perform`), what to say (`success_message`) and where to go (`success_url`). The service checks the
policy itself; the view's fetch only decides between the page and a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from . import limits
from .errors import StaleEdit
from .redirects import safe_next_url
from .viewmixins import SignedInView

STALE_EDIT = _("Someone else changed this after you opened it. Your changes were not saved: reload the page to "
               "see theirs, then edit again.")


def add_form_errors(form, error: ValidationError) -> None:
    """Put a service's validation error on the form, next to the field it concerns."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class _ServiceView(SignedInView):
    stale_message = STALE_EDIT

    def load(self, request, **kwargs) -> None:
        """Fetch what the page is about, through the policy (404 when missing or forbidden)."""

    def perform(self, form):
        """Call the one service this page is for, with the form's cleaned data; return its result."""
        raise TypeError(f"{type(self).__name__} must say which service it calls")

    def success_message(self, result) -> str:
        return ""

    def success_url(self, result) -> str:
        raise TypeError(f"{type(self).__name__} must say where to go after success")

    def on_success(self, result):
        """By default: the success message, then the redirect. A page that shows a one-time result (a new
        token's secret) renders instead."""
        message = self.success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.success_url(result))


class ServiceFormView(_ServiceView):
    form_class = None
    template_name = ""

    def get_form_kwargs(self) -> dict:
        """Extra arguments for the form: choices the policy allows, the instance being edited..."""
        return {}

    def get_initial(self) -> dict:
        return {}

    def get_context(self, form) -> dict:
        return {}

    def make_form(self, data=None):
        if data is None:
            return self.form_class(initial=self.get_initial(), **self.get_form_kwargs())
        return limits.bound_form(self.form_class(data, self.request.FILES or None, **self.get_form_kwargs()))

    def get(self, request, **kwargs):
        self.load(request, **kwargs)
        return self.show(self.make_form())

    def post(self, request, **kwargs):
        self.load(request, **kwargs)
        form = self.make_form(request.POST)
        status = 400
        if form.is_valid():
            self.form = form
            try:
                result = self.perform(form)
            except StaleEdit:
                form.add_error(None, self.stale_message)
                status = 409
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                return self.on_success(result)
        return self.show(form, status=status)

    def show(self, form, status: int = 200):
        return render(self.request, self.template_name, {"form": form, **self.get_context(form)}, status=status)


class ServiceActionView(_ServiceView):
    """A POST-only action; it answers with a redirect to `back_url()` (or a safe `next`) whatever happens."""

    http_method_names = ["post"]
    form_class = None  # optional: validates the POST before the service is called

    def back_url(self) -> str:
        raise TypeError(f"{type(self).__name__} must say which page it belongs to")

    def success_url(self, result) -> str:
        return safe_next_url(self.request, self.back_url())

    def invalid_message(self, form) -> str:
        return " ".join(str(error) for errors in form.errors.values() for error in errors)

    def post(self, request, **kwargs):
        self.load(request, **kwargs)
        form = None
        if self.form_class is not None:
            form = limits.bound_form(self.form_class(request.POST, request.FILES or None, **self.get_form_kwargs()))
            if not form.is_valid():
                messages.error(request, self.invalid_message(form))
                return redirect(safe_next_url(request, self.back_url()))
        try:
            result = self.perform(form)
        except StaleEdit:
            messages.error(request, self.stale_message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return self.on_success(result)
        return redirect(safe_next_url(request, self.back_url()))

    def get_form_kwargs(self) -> dict:
        return {}
