"""What the OpenAPI schema says beyond what drf-spectacular reads from the code: the one error shape on every
operation, which operations are public, and that a request body has no other keys than its fields (the server
refuses any other, see `api_policy.BoundedInputMixin`)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_STATUSES = {
    "400": _("The request is not valid: `fields` says which field and why; nothing was saved."),
    "401": _("No valid credentials were sent."),
    "403": _("You may not do this."),
    "404": _("Not found, or not visible to you (the two get the same answer)."),
    "409": _("Someone else changed this record after you read it (send the current `version`)."),
    "413": _("The request is too large."),
    "429": _("Too many requests: wait and try again."),
}
PUBLIC_STATUSES = ("400", "404", "429")

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "description": "A stable code, e.g. invalid, not_found, stale_version."},
            "message": {"type": "string", "description": "For people, in the caller's language."},
            "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "For invalid input: the messages of each field."},
        },
    }},
}


class IntegraAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        # Public: a view open to anyone, or the reads of one whose reads are (a collection anyone may browse and
        # signed-in people write to).
        public = getattr(self.view, "integra_access", None) == "public" or (
            getattr(self.view, "integra_public_reads", False) and self.method in ("GET", "HEAD"))
        if public:
            operation["security"] = []
        responses = operation.setdefault("responses", {})
        for status in PUBLIC_STATUSES if public else ERROR_STATUSES:
            responses.setdefault(status, {"description": str(ERROR_STATUSES[status]),
                                          "content": {"application/json": {"schema": ERROR_REF}}})
        return operation


def postprocess(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    for name, schema in schemas.items():
        if name.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
    return result
