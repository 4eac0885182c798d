"""The house rules, read off the source so a newcomer cannot break them by accident (as Zulip's semgrep rules do).

- Pages, API modules and template tags reach protected rows only through the policy (`access.visible`,
  `access_<entity>`) or a selector, never with `<ProtectedModel>.objects`.
- Access rules are written in `policy.py` only: no role predicate elsewhere.
- A `next` parameter is followed only through `core.redirects.safe_next_url`.
"""

import ast
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

import integra
from integra.core.access import registered_models

SRC = Path(integra.__file__).parent
PAGE_AND_API_MODULES = sorted([*SRC.glob("*/views.py"), *SRC.glob("*/api.py"), *SRC.glob("*/templatetags/*.py")])
# Everything that is not a policy (or the policy framework and role catalogue themselves). Demo loaders
# set people up in their roles; they decide nothing.
NOT_POLICY_MODULES = sorted(p for p in SRC.glob("*/*.py")
                            if p.name not in {"policy.py", "access.py", "roles.py", "demo.py"})


def _relative(path: Path) -> str:
    return str(path.relative_to(SRC.parent))


def _protected_names() -> set[str]:
    return {model.__name__ for model in registered_models()}


def _objects_uses(tree: ast.AST, protected: set[str]):
    user_model = get_user_model().__name__
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        target = node.value
        if isinstance(target, ast.Name) and target.id in protected:
            yield node.lineno, target.id
        elif (isinstance(target, ast.Call) and isinstance(target.func, ast.Name)
              and target.func.id == "get_user_model" and user_model in protected):
            yield node.lineno, user_model


def test_the_rule_sees_a_query_on_a_protected_model():
    tree = ast.parse("Course.objects.filter(pk=1)\nget_user_model().objects.get(pk=2)\nCountry.objects.all()")
    assert [name for _line, name in _objects_uses(tree, {"Course", "User"})] == ["Course", "User"]


@pytest.mark.parametrize("path", PAGE_AND_API_MODULES, ids=_relative)
def test_pages_and_api_reach_protected_rows_only_through_the_policy(path):
    uses = list(_objects_uses(ast.parse(path.read_text()), _protected_names()))
    assert not uses, (f"{_relative(path)} queries protected models directly (use access.visible, the app's "
                      f"access_<entity> or a selector): " + ", ".join(f"line {line}: {name}.objects"
                                                                     for line, name in uses))


def _role_predicates(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"organisations_where", "has_role", "is_platform_admin", "all_roles"}:
                yield node.lineno, name


@pytest.mark.parametrize("path", NOT_POLICY_MODULES, ids=_relative)
def test_role_predicates_live_only_in_policy_modules(path):
    uses = list(_role_predicates(ast.parse(path.read_text())))
    assert not uses, (f"{_relative(path)} decides access by role outside policy.py (ask the policy: "
                      f"access.can/can_any/organisations_for): " + ", ".join(f"line {line}: {name}()"
                                                                             for line, name in uses))


def _is_request_data(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in {"GET", "POST", "query_params", "data"}


def _reads_next(tree: ast.AST):
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                and _is_request_data(node.func.value) and node.args and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == "next"):
            yield node.lineno
        elif (isinstance(node, ast.Subscript) and _is_request_data(node.value)
              and isinstance(node.slice, ast.Constant) and node.slice.value == "next"):
            yield node.lineno


@pytest.mark.parametrize("path", [p for p in SRC.glob("*/*.py") if p.name != "redirects.py"], ids=_relative)
def test_next_is_followed_only_through_the_safe_redirect_helper(path):
    lines = list(_reads_next(ast.parse(path.read_text())))
    assert not lines, f"{_relative(path)} reads `next` itself (use core.redirects.safe_next_url): lines {lines}"
