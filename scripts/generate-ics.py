#!/usr/bin/env python3
"""Synthetic iCalendar file for benchmarks and tests: a Google-style export of one owner.

    python3 scripts/generate-ics.py --events 50000 --people 2000 --seed 42 --out /tmp/cal-50k.ics

Each VEVENT has the owner (owner@example.com) and 1 to 7 others; one in 50 is a 40-person
all-hands, one in 10 recurs weekly (COUNT 4 to 26), one in 40 is cancelled, and one attendee in
15 declines. Times lie in the 3 years before the --as-of date (default 2024-06-30), in
Europe/Oslo with its VTIMEZONE; lines are folded at 75 octets and end in CRLF. Deterministic
for a seed.
"""
import argparse
import datetime as dt
import random

OSLO = [
    "BEGIN:VTIMEZONE", "TZID:Europe/Oslo", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
]


def fold(line):
    """RFC 5545 folding: at most 75 octets per line, continuation lines start with a space."""
    b = line.encode()
    if len(b) <= 75:
        return [line]
    out, first = [], True
    while b:
        n = 75 if first else 74
        cut = min(n, len(b))
        while cut < len(b) and (b[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        out.append(("" if first else " ") + b[:cut].decode())
        b, first = b[cut:], False
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=50000)
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--as-of", default="2024-06-30")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    end = dt.datetime.fromisoformat(a.as_of)
    start = end - dt.timedelta(days=3 * 365)
    people = [(f"person{k:06d}@example.net", f"Person {k:06d}") for k in range(a.people)]
    stamp = end.strftime("%Y%m%dT120000Z")
    lines = [
        "BEGIN:VCALENDAR", "PRODID:-//warmpath//generate-ics.py//EN", "VERSION:2.0", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "X-WR-CALNAME:owner@example.com", "X-WR-TIMEZONE:Europe/Oslo",
    ] + OSLO

    def attendee(email, name, partstat="ACCEPTED"):
        return (f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN={name};"
                f"X-NUM-GUESTS=0:mailto:{email}")

    for k in range(a.events):
        t = start + dt.timedelta(minutes=30 * rng.randrange(int((end - start).total_seconds() // 1800)))
        t = t.replace(hour=8 + t.hour % 9)
        big = k % 50 == 0
        others = rng.sample(people, 39 if big else rng.randint(1, 7))
        organizer = ("owner@example.com", "Owner") if rng.random() < 0.5 else others[0]
        ev = [
            "BEGIN:VEVENT",
            f"DTSTART;TZID=Europe/Oslo:{t:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Oslo:{t + dt.timedelta(minutes=30):%Y%m%dT%H%M%S}",
        ]
        if k % 10 == 1:
            ev.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randint(4, 26)}")
        ev += [f"DTSTAMP:{stamp}", f"ORGANIZER;CN={organizer[1]}:mailto:{organizer[0]}",
               f"UID:gen-{a.seed}-{k}@example.com", attendee("owner@example.com", "Owner")]
        for email, name in others:
            ev.append(attendee(email, name, "DECLINED" if rng.random() < 1 / 15 else "ACCEPTED"))
        ev += ["CREATED:20200101T000000Z", f"LAST-MODIFIED:{stamp}", "SEQUENCE:0",
               "STATUS:CANCELLED" if k % 40 == 3 else "STATUS:CONFIRMED",
               f"SUMMARY:{'All-hands' if big else 'Meeting'} {k}", "TRANSP:OPAQUE", "END:VEVENT"]
        lines += ev
    lines.append("END:VCALENDAR")
    with open(a.out, "w", newline="") as f:
        for line in lines:
            for part in fold(line):
                f.write(part + "\r\n")


if __name__ == "__main__":
    main()
