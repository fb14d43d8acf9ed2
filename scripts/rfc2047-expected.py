#!/usr/bin/env python3
"""Writes fixtures/mail/rfc2047.json: how Python's email package reads header values that
warmpath's mail reader must read the same way (MailHeaderTests compares).

- "encoded_words": a header field (name + raw value, folded with CRLF + blank where the case
  says so) parsed by email.message_from_bytes with the compat32 policy, then decoded with
  str(email.header.make_header(email.header.decode_header(value))). A value without encoded
  words comes back from Python as written, folds included; it is unfolded here the RFC 5322 way
  (CRLF before a blank removed), which is what warmpath returns.
- "addresses": an address-list value read by email.utils.getaddresses, each display name then
  decoded as above; Python's empty ('', '') items (empty groups, doubled commas) are left out.
- "dates": a Date value read by email.utils.parsedate_tz / mktime_tz (seconds since 1970 UTC).
  Only forms where Python is right are listed: it accepts 30 February and reads "+01:00" as
  UTC, which warmpath does not (tested separately).

Run from the repository root: python3 scripts/rfc2047-expected.py
"""

import email
import email.policy
import json
import re
import sys
from email.header import decode_header, make_header
from email.utils import getaddresses, mktime_tz, parsedate_tz

ENCODED_WORDS = [
    ("plain", "Subject", "Quarterly numbers"),
    ("plain-folded", "Subject", "Quarterly numbers\r\n for the board"),
    ("q-utf8", "Subject", "=?utf-8?q?Caf=C3=A9?= au lait"),
    ("q-underscore", "Subject", "=?UTF-8?Q?Tom=C3=A1s_Reyes?="),
    ("b-utf8", "Subject", "=?UTF-8?B?TWVpIENoZW4=?="),
    ("b-unpadded", "Subject", "=?utf-8?b?w6k?="),
    ("q-latin1", "Subject", "=?ISO-8859-1?Q?Andr=E9?= Pirard"),
    ("q-latin2", "Subject", "=?ISO-8859-2?Q?Dob=F3_den_=3F_=B1=E6?="),
    ("q-latin15", "Subject", "=?iso-8859-15?q?Prix_=A4_100?="),
    ("b-latin1", "Subject", "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?="),
    (
        "adjacent-two-charsets-folded",
        "Subject",
        "=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=",
    ),
    ("adjacent-same-charset", "Subject", "=?utf-8?q?a?= =?utf-8?q?b?="),
    ("adjacent-folded", "Subject", "=?utf-8?q?Jos=C3=A9?=\r\n =?utf-8?q?_N=C3=BA=C3=B1ez?="),
    ("mixed-leading-plain", "Subject", "Re: =?utf-8?q?W=C3=B6rld?= news"),
    ("mixed-no-space", "Subject", "Hello=?utf-8?q?W=C3=B6rld?=x"),
    ("mixed-spaces-kept", "Subject", "=?utf-8?q?a?=  x  =?utf-8?q?b?="),
    ("plain-between-folded", "Subject", "=?utf-8?q?a?= one\r\n two =?utf-8?q?b?="),
    ("q-question-mark", "Subject", "=?utf-8?q?Why=3F_Because=2E?="),
    ("us-ascii-word", "Subject", "Note =?us-ascii?q?plain?= text"),
    ("cjk-b", "Subject", "=?UTF-8?B?5Lya6K6u6K6w5b2V?="),
    ("windows-1252", "Subject", "=?windows-1252?Q?=93quoted=94_=96_dash?="),
    ("koi8-r", "Subject", "=?koi8-r?b?8NLJ18XU?="),
    ("not-a-word-bad-encoding", "Subject", "=?utf-8?x?abc?= stays"),
    ("name-latin1-comma", "From", "=?ISO-8859-1?Q?Fern=E1ndez=2C_Luis?="),
]

ADDRESSES = [
    ("quoted-comma", '"Vik, Linnea" <linnea.vik@example.com>'),
    ("two", "Ana Ruiz <ana@x.org>, bo@y.org"),
    ("group", 'Team: a@x.org, "B, C" <b@x.org>;, d@x.org'),
    ("empty-group", "undisclosed-recipients:;"),
    ("comment-name", "ana@x.org (Ana Ruiz)"),
    ("encoded-name", "=?ISO-8859-1?Q?Fern=E1ndez=2C_Luis?= <luis@example.org>"),
    ("encoded-in-quotes", '"=?utf-8?q?Jos=C3=A9?=" <jose@x.org>'),
    ("escaped-quotes", '"Quote \\"Q\\" Test" <q@x.org>'),
    ("route", "<@relay.example:ana@x.org>"),
    ("trailing-comment", "Ana <ana@x.org> (work)"),
    ("double-comma", "a@x.org,,b@x.org"),
    ("folded", '"Ana Ruiz" <ana@x.org>\r\n\t, "Bo" <bo@y.org>'),
    ("encoded-b-name", "=?UTF-8?B?TWVpIENoZW4=?= <mei.chen@harbor-ai.example>"),
]

DATES = [
    ("rfc5322", "Tue, 5 Mar 2024 09:15:00 +0100"),
    ("comment-zone", "Tue, 5 Mar 2024 09:15:00 +0100 (CET)"),
    ("two-digit-year-named-zone", "5 Mar 24 09:15 EST"),
    ("gmt", "Mon, 01 Jan 2024 10:00:00 GMT"),
    ("east", "Thu, 18 Jan 2024 02:20:00 +0800"),
    ("west", "Mon, 15 Jan 2024 11:40:00 -0500"),
    ("military-z", "Tue, 5 Mar 2024 09:15:00 Z"),
    ("pdt", "Fri, 10 May 2024 17:00:00 PDT"),
    ("no-weekday-no-seconds", "12 Feb 2024 08:00 +0000"),
]


def unfold(s):
    return re.sub(r"\r?\n(?=[ \t])", "", s)


def decoded(value):
    return str(make_header(decode_header(value)))


def main():
    out = {"encoded_words": [], "addresses": [], "dates": []}
    for case, name, raw in ENCODED_WORDS:
        msg = email.message_from_bytes(
            f"{name}: {raw}\r\n\r\nbody\r\n".encode("ascii"), policy=email.policy.compat32
        )
        value = msg[name]
        result = decoded(value)
        if result == value:
            result = unfold(result)
        out["encoded_words"].append({"case": case, "field": name, "raw": raw, "python": result})
    for case, raw in ADDRESSES:
        msg = email.message_from_bytes(f"To: {raw}\r\n\r\n".encode("ascii"), policy=email.policy.compat32)
        pairs = [(decoded(n), a) for n, a in getaddresses([msg["To"]]) if a]
        out["addresses"].append({"case": case, "raw": raw, "python": [{"name": n, "address": a} for n, a in pairs]})
    for case, raw in DATES:
        t = parsedate_tz(raw)
        out["dates"].append({"case": case, "raw": raw, "python": mktime_tz(t) if t else None})
    out["python"] = sys.version.split()[0]
    with open("fixtures/mail/rfc2047.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
