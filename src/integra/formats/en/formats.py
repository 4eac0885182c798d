"""English dates as the partnership writes them (day before month, 24-hour clock), not Django's US default
("12/01/2026 7:10 a.m."). The other languages keep Django's own formats for their locale."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
