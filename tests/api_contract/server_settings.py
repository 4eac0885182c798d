"""The settings of the server the contract test fuzzes: development settings (a throw-away database in
INTEGRA_VAR_DIR, or the DATABASE_URL the test gives it) without the API's rate limits, which would otherwise
answer most of the fuzzer's requests with 429 and leave the operations untested."""

from integra.settings.dev import *  # noqa: F403
from integra.settings.dev import REST_FRAMEWORK

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000000/min", "user": "1000000/min"}}
