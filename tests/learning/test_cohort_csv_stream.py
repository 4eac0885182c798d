"""The cohort grid's CSV streams: the response starts after one slice of learners, further slices are worked out
while it is being sent (memory holds one slice), and the rows are those of the grid, in its order."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.core.roles import Role
from integra.learning import selectors, services, views
from tests.conftest import make_org, make_user, signed_in
from tests.learning.conftest import lessons_of


def _fill(cohort, course, trainer, n):
    for i in range(n):
        person = make_user(f"stream{i:02d}@learn.example", org=make_org(), roles=[Role.FRONTLINE])
        services.enrolment_create(actor=trainer, course=course, user=person, cohort=cohort)
        if i % 2:
            services.lesson_complete(actor=person, lesson=lessons_of(course)[0])


def test_the_csv_streams_in_slices(cohort, course, trainer, monkeypatch):
    _fill(cohort, course, trainer, 7)
    monkeypatch.setattr(views, "CSV_CHUNK", 3)
    slices = []
    real_grid = selectors.cohort_grid

    def spy(**kwargs):
        slices.append(len(kwargs["enrolment_ids"]))
        return real_grid(**kwargs)

    monkeypatch.setattr(selectors, "cohort_grid", spy)
    client = signed_in(trainer)
    response = client.get(reverse("learning:cohort", args=[cohort.pk]) + "?format=csv")
    assert response.status_code == 200 and response.streaming
    assert slices == [3]  # only the first slice before the first byte
    with CaptureQueriesContext(connection) as while_sending:
        body = b"".join(response.streaming_content).decode()
    assert slices == [3, 3, 2]  # 8 learners (the fixture's and 7 more), never more than a slice at a time
    assert len(while_sending) > 0  # the later slices were read while the response was being sent
    lines = body.lstrip("\ufeff").splitlines()
    whole = real_grid(actor=trainer, cohort=cohort)
    assert [line.split(",")[1] for line in lines[1:]] == [r["enrolment"].user.email for r in whole["rows"]]
    assert len(lines) == 1 + 8


def test_the_csv_of_an_empty_cohort_has_its_header(course, trainer, training_org):
    import datetime as dt

    empty = services.cohort_create(actor=trainer, course=course, name="Empty", organisation=training_org,
                                   language="en", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    response = signed_in(trainer).get(reverse("learning:cohort", args=[empty.pk]) + "?format=csv")
    lines = b"".join(response.streaming_content).decode().lstrip("\ufeff").splitlines()
    assert len(lines) == 1 and lines[0].startswith("learner,email,progress % — ")
