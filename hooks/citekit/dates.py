"""Dates of works, read the way biblatex writes them (ISO 8601: 2021, 2021-09, 2021-09-21, and
ranges 2019/2020, 2019-05/2020-01, open 2019/..), checked, and written in Norwegian.

The one Norwegian date formatter of the project: Babel's nb locale ("21. september 2021").
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from babel.dates import format_date

# What APA writes for a work with no date: "uten år".
NO_DATE = "u.å."
_PART = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


class DateError(ValueError):
    """A value that is not a date biblatex accepts; the message says what is wrong."""


@dataclass(frozen=True)
class PartialDate:
    """A year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def parts(self) -> list[int]:
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self, separator: str = "-") -> str:
        return separator.join(f"{p:02d}" if i else str(p) for i, p in enumerate(self.parts))

    def norwegian(self) -> str:
        """'21. september 2021', 'september 2021' or '2021'."""
        if self.month is None:
            return str(self.year)
        return _format(self.year, self.month, self.day, "d. MMMM y" if self.day else "MMMM y")

    def norwegian_without_year(self) -> str:
        """'21. september' or 'september' (APA puts the year first: '2021, 21. september');
        '' for a year alone."""
        if self.month is None:
            return ""
        return _format(self.year, self.month, self.day, "d. MMMM" if self.day else "MMMM")


@dataclass(frozen=True)
class DateValue:
    """A date or a range of dates; `end` is None for a single date, `open_end` for '2019/..'."""

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def year_label(self) -> str:
        """The year as APA shows it: '2021', '2019–2020', '2019–'."""
        if self.open_end:
            return f"{self.start.year}–"
        if self.end and self.end.year != self.start.year:
            return f"{self.start.year}–{self.end.year}"
        return str(self.start.year)

    def norwegian(self) -> str:
        """'21. september 2021', 'mai 2019–januar 2020', '2019–'."""
        if self.open_end:
            return f"{self.start.norwegian()}–"
        if self.end is None:
            return self.start.norwegian()
        return f"{self.start.norwegian()}–{self.end.norwegian()}"


# Babel builds its pattern machinery on every call (about 0.2 ms); a site shows the same few
# hundred dates on thousands of pages.
@functools.lru_cache(maxsize=4096)
def _format(year: int, month: int, day: int | None, pattern: str) -> str:
    return format_date(datetime.date(year, month, day or 1), pattern, locale="nb")


def parse_date(value: str) -> DateValue:
    """Read a biblatex date or range; DateError says what is wrong with a value that is not."""
    text = value.strip()
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = _partial(start_text, value)
        if end_text in ("", ".."):
            return DateValue(start, open_end=True)
        end = _partial(end_text, value)
        if end.parts < start.parts[: len(end.parts)] or end.parts == start.parts:
            raise DateError(f"the range {value!r} does not run forward")
        return DateValue(start, end)
    return DateValue(_partial(text, value))


def _partial(text: str, whole: str) -> PartialDate:
    match = _PART.match(text)
    if not match:
        raise DateError(f"{whole!r} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, "
                        "or a range such as 2019/2020)")
    year = int(match["year"])
    if year < 1:
        # There is no year 0 (1 BC is followed by AD 1), nor a date Python or APA can write.
        raise DateError(f"{whole!r} has the year {match['year']}, which is not a year (write the "
                        "year of publication; leave the date out if it is unknown)")
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{whole!r} has no month {month:02d}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateError(f"{whole!r} has no day {day:02d} in that month")
    return PartialDate(year, month, day)


def as_date(value) -> datetime.date | None:
    """A front matter date (YAML gives a date, or a string): the date, or None."""
    if isinstance(value, datetime.datetime):
        return None  # a time as well: citekit.page_rules says so; a page is dated by its day
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def norwegian_date(date: datetime.date) -> str:
    """A calendar date in Norwegian: '29. november 2026'."""
    return PartialDate(date.year, date.month, date.day).norwegian()
