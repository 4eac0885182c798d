"""The instruments' logic: a documented subset of XLSForm expressions, evaluated on the server without eval().

Supported (everything else is refused when the instrument is imported):
- references `${name}` to another item's answer, and `.` for the item's own answer (in `constraint`);
- literals: numbers (`3`, `2.5`), strings (`'high'` or `"high"`), `true()`, `false()`;
- operators, lowest first: `or`; `and`; `=` `!=`; `<` `<=` `>` `>=`; `+` `-`; `*` `div` `mod`; unary `-`;
- functions: `not(x)`, `if(c, a, b)`, `selected(${x}, 'v')`, `count-selected(${x})`, `coalesce(a, b)`,
  `number(x)`, `string(x)`, `string-length(x)`, `round(x)`, `sum(a, b, ...)` (skips nulls), `count-non-empty(...)`.

Values are typed: None (no answer: explicit null, never the empty string or 0), bool, int/float (numbers), str
and list (a multiple choice). Rules:
- arithmetic with a null gives null (a sum of answers where one is missing is "unknown", not a silent 0;
  `sum()` and `coalesce()` say explicitly what to do with nulls);
- `=` and `!=` compare numbers as numbers: `${n} = '0'` is true when the answer is the number 0; a null equals
  only the empty string and null;
- `<`, `>`... with a null are false; with a string that is not a number they are false;
- `and`, `or`, `not` and conditions read null, '' and 0 as false.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}")


class ExpressionError(ValueError):
    """The expression cannot be read (a message in English for logs; `code` for the user's language)."""

    def __init__(self, message: str, *, code: str = "syntax", detail: str = ""):
        super().__init__(message)
        self.code = code
        self.detail = detail


# --- tokens ----------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<ref>\$\{[A-Za-z_][A-Za-z0-9_.-]*\})
  | (?P<num>\d+(?:\.\d+)?|\.\d+)
  | (?P<str>'[^']*'|"[^"]*")
  | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<name>[A-Za-z][A-Za-z0-9-]*(?=\s*\()|and\b|or\b|div\b|mod\b)
  | (?P<dot>\.)
""", re.VERBOSE)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokenise(source: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(source):
        match = _TOKEN.match(source, pos)
        if not match:
            raise ExpressionError(f"cannot read {source[pos:pos + 10]!r}", code="syntax", detail=source[pos:pos + 10])
        pos = match.end()
        kind = match.lastgroup
        if kind != "ws":
            tokens.append(Token(kind, match.group()))
    return tokens


# --- the tree ------------------------------------------------------------------------------------------------

FUNCTIONS = {
    "not": (1, 1), "if": (3, 3), "selected": (2, 2), "count-selected": (1, 1), "coalesce": (2, 2),
    "number": (1, 1), "string": (1, 1), "string-length": (1, 1), "round": (1, 2), "sum": (1, 99),
    "count-non-empty": (1, 99), "true": (0, 0), "false": (0, 0),
}

_BINARY = [("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod")]


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens, self.pos = tokens, 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise ExpressionError("the expression ends too early", code="incomplete")
        self.pos += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            raise ExpressionError(f"expected {text!r}, found {token.text!r}", code="syntax", detail=token.text)

    def parse(self):
        if not self.tokens:
            raise ExpressionError("empty expression", code="incomplete")
        node = self.binary(0)
        if self.peek() is not None:
            raise ExpressionError(f"unexpected {self.peek().text!r}", code="syntax", detail=self.peek().text)
        return node

    def binary(self, level: int):
        if level == len(_BINARY):
            return self.unary()
        node = self.binary(level + 1)
        while self.peek() is not None and self.peek().text in _BINARY[level] and self.peek().kind in {"op", "name"}:
            op = self.take().text
            node = ("op", op, node, self.binary(level + 1))
        return node

    def unary(self):
        token = self.peek()
        if token is not None and token.text == "-":
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self):
        token = self.take()
        if token.kind == "num":
            return ("lit", float(token.text) if "." in token.text else int(token.text))
        if token.kind == "str":
            return ("lit", token.text[1:-1])
        if token.kind == "ref":
            return ("ref", token.text[2:-1])
        if token.kind == "dot":
            return ("self",)
        if token.text == "(":
            node = self.binary(0)
            self.expect(")")
            return node
        if token.kind == "name" and token.text not in {"and", "or", "div", "mod"}:
            name = token.text
            if name not in FUNCTIONS:
                raise ExpressionError(f"unknown function {name}()", code="function", detail=name)
            self.expect("(")
            args = []
            if self.peek() is not None and self.peek().text != ")":
                args.append(self.binary(0))
                while self.peek() is not None and self.peek().text == ",":
                    self.take()
                    args.append(self.binary(0))
            self.expect(")")
            low, high = FUNCTIONS[name]
            if not low <= len(args) <= high:
                raise ExpressionError(f"{name}() takes {low}–{high} arguments", code="arguments", detail=name)
            return ("call", name, args)
        raise ExpressionError(f"unexpected {token.text!r}", code="syntax", detail=token.text)


_cache: dict[str, tuple] = {}


def parse(source: str):
    tree = _cache.get(source)
    if tree is None:
        tree = _Parser(tokenise(source)).parse()
        if len(_cache) < 4096:
            _cache[source] = tree
    return tree


def references(source: str) -> set[str]:
    """The item names an expression reads (after checking that it parses)."""
    return set(_refs(parse(source))) if source.strip() else set()


def _refs(node):
    kind = node[0]
    if kind == "ref":
        yield node[1]
    elif kind == "op":
        yield from _refs(node[2])
        yield from _refs(node[3])
    elif kind == "neg":
        yield from _refs(node[1])
    elif kind == "call":
        for arg in node[2]:
            yield from _refs(arg)


# --- values --------------------------------------------------------------------------------------------------


def to_number(value):
    """A number, or None when the value is null or not a number."""
    if value is None or isinstance(value, list):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if math.isnan(number) or math.isinf(number):
        return None
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


def truthy(value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, list):
        return bool(value)
    return value != ""


def _as_string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _equal(a, b) -> bool:
    if a is None or b is None:
        return (a is None or a == "") and (b is None or b == "")
    if isinstance(a, bool) or isinstance(b, bool):
        return truthy(a) == truthy(b)
    if isinstance(a, int | float) or isinstance(b, int | float):
        na, nb = to_number(a), to_number(b)
        return na is not None and nb is not None and na == nb
    return _as_string(a) == _as_string(b)


def _compare(op, a, b) -> bool:
    na, nb = to_number(a), to_number(b)
    if na is None or nb is None:
        return False
    return {"<": na < nb, "<=": na <= nb, ">": na > nb, ">=": na >= nb}[op]


def _arith(op, a, b):
    na, nb = to_number(a), to_number(b)
    if na is None or nb is None:
        return None
    if op == "+":
        return na + nb
    if op == "-":
        return na - nb
    if op == "*":
        return na * nb
    if nb == 0:
        return None  # division by zero: unknown, not an error a form-filler can do anything about
    if op == "div":
        result = na / nb
        return int(result) if isinstance(result, float) and result.is_integer() else result
    return na % nb


def evaluate(source: str, answers: dict, current=None):
    """The value of `source` with `answers` ({name: value}); `current` is the item's own answer (`.`)."""
    if not source or not source.strip():
        return None
    return _eval(parse(source), answers, current)


def _eval(node, answers, current):
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "ref":
        return answers.get(node[1])
    if kind == "self":
        return current
    if kind == "neg":
        value = to_number(_eval(node[1], answers, current))
        return None if value is None else -value
    if kind == "op":
        op = node[1]
        if op == "or":
            return truthy(_eval(node[2], answers, current)) or truthy(_eval(node[3], answers, current))
        if op == "and":
            return truthy(_eval(node[2], answers, current)) and truthy(_eval(node[3], answers, current))
        a, b = _eval(node[2], answers, current), _eval(node[3], answers, current)
        if op == "=":
            return _equal(a, b)
        if op == "!=":
            return not _equal(a, b)
        if op in {"<", "<=", ">", ">="}:
            return _compare(op, a, b)
        return _arith(op, a, b)
    name, args = node[1], node[2]
    if name == "if":
        return _eval(args[1] if truthy(_eval(args[0], answers, current)) else args[2], answers, current)
    values = [_eval(arg, answers, current) for arg in args]
    if name == "true":
        return True
    if name == "false":
        return False
    if name == "not":
        return not truthy(values[0])
    if name == "selected":
        chosen = values[0]
        wanted = _as_string(values[1])
        if isinstance(chosen, list):
            return wanted in [str(v) for v in chosen]
        return chosen is not None and _as_string(chosen) == wanted
    if name == "count-selected":
        chosen = values[0]
        return len(chosen) if isinstance(chosen, list) else (0 if chosen in (None, "") else 1)
    if name == "coalesce":
        return values[0] if values[0] not in (None, "") else values[1]
    if name == "number":
        return to_number(values[0])
    if name == "string":
        return _as_string(values[0])
    if name == "string-length":
        return len(_as_string(values[0]))
    if name == "round":
        number = to_number(values[0])
        if number is None:
            return None
        digits = int(to_number(values[1]) or 0) if len(values) > 1 else 0
        rounded = round(number, digits)
        return int(rounded) if digits == 0 else rounded
    if name == "sum":
        numbers = [n for n in (to_number(v) for v in values) if n is not None]
        return sum(numbers) if numbers else None
    if name == "count-non-empty":
        return sum(1 for v in values if v not in (None, "", []))
    raise ExpressionError(f"unknown function {name}()", code="function", detail=name)  # pragma: no cover


# --- a whole form ----------------------------------------------------------------------------------------------


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in `graph` ({name: names it depends on}) as a list of names, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if state.get(nxt) is None and nxt in graph:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if state.get(node) is None:
            found = visit(node)
            if found:
                return found
    return None


def calculation_order(items: list[dict]) -> list[str]:
    """The calculated items in an order where each comes after the calculations it reads."""
    calcs = {i["name"]: references(i.get("calculate", "")) for i in items if i.get("calculate")}
    order, done = [], set()

    def visit(name, seen=()):
        if name in done or name not in calcs:
            return
        if name in seen:
            raise ExpressionError("cycle in calculations", code="cycle", detail=name)
        for dep in sorted(calcs[name]):
            visit(dep, (*seen, name))
        done.add(name)
        order.append(name)

    for name in calcs:
        visit(name)
    return order


@dataclass
class FormState:
    answers: dict  # every item's value after the rules: hidden answers removed, calculations filled
    relevant: dict  # {name: bool}
    cleared: list  # names whose answer was removed because the item is now hidden
    errors: dict  # {name: code} ("required", "constraint")


def run_form(items: list[dict], given: dict, *, skip: set[str] = frozenset()) -> FormState:
    """Apply the rules of an instrument to the answers given: the same function decides what a page shows and what
    a save accepts. Items are dicts with `name`, and optional `relevant`, `required`, `constraint`, `calculate`.
    An item is hidden when its own `relevant` is false or its domain's (`group_relevant`) is; a hidden item's answer
    is cleared. `skip`: items whose answer is a distinct "no value" (insufficient information), exempt from
    `required` and `constraint`."""
    answers = {k: v for k, v in given.items() if v not in (None, "", [])}
    by_name = {i["name"]: i for i in items}
    order = calculation_order(items)
    relevant: dict[str, bool] = {}
    cleared: list[str] = []
    # Two passes: relevance may read calculations, calculations may read answers that relevance hides.
    for _ in range(2):
        for name in order:
            answers[name] = evaluate(by_name[name]["calculate"], answers)
            if answers[name] is None:
                answers.pop(name)
        for item in items:
            shown = True
            for condition in (item.get("group_relevant", ""), item.get("relevant", "")):
                if condition and not truthy(evaluate(condition, answers)):
                    shown = False
            relevant[item["name"]] = shown
            if not shown and item["name"] in answers:
                answers.pop(item["name"])
                if item["name"] in given and not item.get("calculate") and item["name"] not in cleared:
                    cleared.append(item["name"])
    errors = {}
    for item in items:
        name = item["name"]
        if not relevant[name] or item.get("calculate") or name in skip:
            continue
        required = item.get("required", "")
        is_required = required is True or required == "yes" or (
            isinstance(required, str) and bool(required.strip()) and truthy(evaluate(required, answers)))
        if name not in answers:
            if is_required:
                errors[name] = "required"
            continue
        constraint = item.get("constraint", "")
        if constraint and not truthy(evaluate(constraint, answers, current=answers[name])):
            errors[name] = "constraint"
    return FormState(answers=answers, relevant=relevant, cleared=cleared, errors=errors)
