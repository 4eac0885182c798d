"""`make bench`: seed a large dataset into a separate database, serve it with gunicorn and measure latency
and queries per request for the platform's main pages and API endpoints.

- run.py       the endpoint list (one line per page) and the command line
- seed.py      the dataset, as one function per kind of record, and the people the benchmark signs in as
- endpoints.py how an endpoint is declared; credentials.py the session cookies and tokens it is called with
- server.py    gunicorn, started on a free port and always stopped; load.py the bounded load generator
- report.py    the table, results.json and results.md
- settings.py, urls.py, wsgi.py  the development settings pointed at the benchmark database
"""
