"""Demo of the mentoring programme, from the data files in demo_content/, loaded through the services."""


def load_demo_mentoring() -> None:
    from .demo_loader import load

    load()
