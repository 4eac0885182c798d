"""`make bench`: seed a large dataset into a separate database, serve it with gunicorn and measure latency
and queries per request for the platform's main pages and API endpoints.

- run.py       the command line: seed, count queries, load, report
- seed/        the dataset, one module per app (core, cooperation, learning, events), each with its seed
               functions, the people the benchmark signs in as and the endpoints measured (one line each);
               seed/__init__.py runs them in order, seed/common.py holds the sizes and shared helpers
- endpoints.py how an endpoint is declared; credentials.py the session cookies and tokens it is called with
- server.py    gunicorn, started on a free port and always stopped; load.py the bounded load generator
- report.py    the table, results.json and results.md
- settings.py, urls.py, wsgi.py  the development settings pointed at the benchmark database
"""
