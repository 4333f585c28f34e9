#!/usr/bin/python3
"""check_ics.py - geopol's iCalendar output read by python3-icalendar and
compared with timeline.json (DESIGN §8).

    check_ics.py TIMELINE.ics TIMELINE.json

TIMELINE.json is `geopol timeline --format json` of the same inputs, filters
and --as-of. Checks:
  - the bytes: every line ends in CRLF, has at most 75 octets, and is valid
    UTF-8 on its own (a fold never splits a character); continuation lines
    start with a space;
  - icalendar.Calendar.from_ical reads it: VERSION 2.0, a PRODID;
  - every event with a known start is one VEVENT (UID id@geopol), and an
    event whose start is open or unknown is left out; nothing else is there;
  - DTSTART is its earliest start's day, DTEND (exclusive) the day after its
    latest end, or after the end of the events' known time span when the end
    is open or unknown (the span computed here, independently);
  - SUMMARY is the title, read back through the TEXT escapes; DESCRIPTION
    holds the summary and says where an open end was drawn;
  - deadlines, and only they, carry a VALARM that fires one day before;
  - DTSTAMP is --as-of (a month or year read as its last day), else the
    latest bounded end.
Exit 0 when all hold, else 1 with one line per problem.
"""
import calendar
import datetime as dt
import json
import sys

import icalendar

problems = []


def bad(msg):
    problems.append(msg)


def day(text):
    return dt.date.fromisoformat(text[:10])


def unit_last(start, precision):
    """The last day of the unit (day, month, year, decade, century) holding `start`."""
    d = day(start)
    if precision in ("second", "minute", "day"):
        return d
    if precision == "month":
        return d.replace(day=calendar.monthrange(d.year, d.month)[1])
    span = {"year": 1, "decade": 10, "century": 100}[precision]
    return dt.date(d.year - d.year % span + span - 1, 12, 31)


def unit_first(end, precision):
    d = day(end)
    if precision in ("second", "minute", "day"):
        return d
    if precision == "month":
        return d.replace(day=1)
    span = {"year": 1, "decade": 10, "century": 100}[precision]
    return dt.date(d.year - d.year % span, 1, 1)


def as_of_day(text):
    """--as-of as the text timeline reads it: a month or a year is its last day."""
    if len(text) == 4:
        return dt.date(int(text), 12, 31)
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:7])
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    return day(text)


def check_bytes(raw):
    if not raw.endswith(b"\r\n"):
        bad("the file does not end in CRLF")
    lines = raw.split(b"\r\n")[:-1]
    for i, line in enumerate(lines, 1):
        if b"\r" in line or b"\n" in line:
            bad(f"line {i}: a bare CR or LF")
        if len(line) > 75:
            bad(f"line {i}: {len(line)} octets (more than 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad(f"line {i}: not UTF-8 on its own (a fold inside a character?)")
        if i > 1 and line[:1] not in (b" ", b"\t") and b":" not in line:
            bad(f"line {i}: neither a property nor a continuation")
    return len(lines)


def main(ics_path, json_path):
    raw = open(ics_path, "rb").read()
    n_lines = check_bytes(raw)
    tl = json.load(open(json_path, encoding="utf-8"))
    events = tl["events"]
    cal = icalendar.Calendar.from_ical(raw)
    if str(cal.get("VERSION")) != "2.0":
        bad(f"VERSION is {cal.get('VERSION')!r}")
    if not str(cal.get("PRODID", "")):
        bad("no PRODID")

    # The known time span, from timeline.json alone.
    starts = [day(e["date"]["start"]) for e in events if e["date"]["start"]]
    ends = [day(e["date"]["end"]) for e in events if e["date"]["end"]]
    first = min(starts) if starts else None
    last = max(ends) if ends else None
    if tl.get("as_of"):
        a = as_of_day(tl["as_of"])
        last = a if last is None or a > last else last
    for e in events:
        d = e["date"]
        if d["start"] is None:
            f = unit_first(d["end"], d["precision"])
            first = f if first is None or f < first else first
        if d["end"] is None:
            l = unit_last(d["start"], d["precision"])
            last = l if last is None or l > last else last

    vevents = {}
    for ve in cal.walk("VEVENT"):
        uid = str(ve.get("UID"))
        if uid in vevents:
            bad(f"UID {uid} twice")
        vevents[uid] = ve
    for e in events:
        uid = e["id"] + "@geopol"
        d = e["date"]
        ve = vevents.pop(uid, None)
        if d["start"] is None:
            if ve is not None:
                bad(f"{e['id']}: an open start, yet in the calendar")
            continue
        if ve is None:
            bad(f"{e['id']}: missing")
            continue
        s, en = ve.get("DTSTART"), ve.get("DTEND")
        if s is None or en is None:
            bad(f"{e['id']}: no DTSTART or DTEND")
            continue
        if isinstance(s.dt, dt.datetime) or isinstance(en.dt, dt.datetime):
            bad(f"{e['id']}: not an all-day event ({s.dt}, {en.dt})")
            continue
        if s.dt != day(d["start"]):
            bad(f"{e['id']}: DTSTART {s.dt}, want {day(d['start'])}")
        want_end = (day(d["end"]) if d["end"] else last) + dt.timedelta(days=1)
        if en.dt != want_end:
            bad(f"{e['id']}: DTEND {en.dt}, want {want_end} (exclusive)")
        if str(ve.get("SUMMARY")) != e["title"]:
            bad(f"{e['id']}: SUMMARY {str(ve.get('SUMMARY'))!r}, want {e['title']!r}")
        desc = str(ve.get("DESCRIPTION", ""))
        summary = e.get("summary", "").replace("\r\n", "\n").replace("\r", "\n")
        if summary and summary not in desc:
            bad(f"{e['id']}: the summary is not in DESCRIPTION {desc!r}")
        if d["end"] is None and f"shown until {last.isoformat()}" not in desc:
            bad(f"{e['id']}: DESCRIPTION does not say the open end stops at {last}")
        alarms = list(ve.walk("VALARM"))
        if e["type"] == "deadline":
            if len(alarms) != 1:
                bad(f"{e['id']}: a deadline with {len(alarms)} alarms")
            elif alarms[0].get("TRIGGER").dt != dt.timedelta(days=-1) or str(alarms[0].get("ACTION")) != "DISPLAY":
                bad(f"{e['id']}: the alarm is not a display one day before")
        elif alarms:
            bad(f"{e['id']}: an alarm on an event that is not a deadline")
    for uid in vevents:
        bad(f"{uid}: in the calendar but not in timeline.json")

    # DTSTAMP: the same on every VEVENT, from the data, never the clock.
    if tl.get("as_of"):
        a = tl["as_of"]
        want = (dt.datetime.fromisoformat(a.replace("Z", "+00:00")) if "T" in a
                else dt.datetime.combine(as_of_day(a), dt.time(), dt.timezone.utc))
    else:
        latest = max((e["date"]["end"] for e in events if e["date"]["end"]), default=None,
                     key=lambda t: (t[:10], t))
        want = None
        if latest:
            want = (dt.datetime.fromisoformat(latest.replace("Z", "+00:00")) if "T" in latest
                    else dt.datetime.combine(day(latest), dt.time(23, 59, 59), dt.timezone.utc))
    for ve in cal.walk("VEVENT"):
        got = ve.get("DTSTAMP").dt
        if want is not None and got != want:
            bad(f"{ve.get('UID')}: DTSTAMP {got}, want {want}")
            break
    kept = sum(1 for e in events if e["date"]["start"])
    print(f"check_ics: {kept} events of {len(events)} in {n_lines} lines, "
          f"{len(events) - kept} with an open start left out: {'ok' if not problems else 'FAILED'}")
    for p in problems[:30]:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
