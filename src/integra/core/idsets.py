"""A set of row ids computed in Python (one person's caseload, as the policy works it out) sent to the database
as one parameter instead of one placeholder per id.

`pk IN (1, 7, 13, …)` with hundreds of ids costs Django a conversion per id, the SQL text grows with the
caseload, and a query naming the set three times (the actions of records one coordinates or owns actions on)
sends it three times. `ids_in("record_id", ids)` is the same condition, with the ids as a JSON array on SQLite
(`json_each`) or an array on PostgreSQL (`unnest`): one parameter, the same rows. Small sets stay a plain list,
the best plan for a handful of ids.
"""

import json

from django.db.models import BigIntegerField, Expression, Q

INLINE_UP_TO = 32


class IdSet(Expression):
    """The right-hand side of an `__in` lookup: a subquery over the ids given."""

    def __init__(self, ids):
        super().__init__(output_field=BigIntegerField())
        self.ids = [int(i) for i in ids]

    def as_sql(self, compiler, connection):  # any other database: the plain list
        return "(" + ", ".join(["%s"] * len(self.ids)) + ")", list(self.ids)

    def as_sqlite(self, compiler, connection):
        return "(SELECT value FROM json_each(%s))", [json.dumps(self.ids)]

    def as_postgresql(self, compiler, connection):
        return "(SELECT unnest(%s::bigint[]))", [self.ids]


def ids_in(field: str, ids) -> Q:
    """Q(<field>__in=ids), with many ids sent as one parameter."""
    ids = sorted(set(ids))
    if len(ids) <= INLINE_UP_TO:
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__in": IdSet(ids)})
