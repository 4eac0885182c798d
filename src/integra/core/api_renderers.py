"""A faster JSON renderer for the API: orjson instead of the standard library's encoder.

The bytes are those DRF's JSONRenderer writes (compact, UTF-8, the same date and time format): orjson is asked to
hand every value it does not know natively, and every date and time, back to DRF's own encoder, so a client sees
no difference. Pretty-printed output (an `indent` in the media type, the browsable API) and any value orjson
refuses (an integer beyond 64 bits) fall back to DRF's renderer.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_default = JSONEncoder().default


class OrjsonRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=_default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF: the two line separators escaped, so the output is also a valid JavaScript literal.
        return rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
