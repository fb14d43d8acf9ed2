#!/usr/bin/env python3
"""Writes a synthetic mbox for benchmarks: Gmail-Takeout-like messages of invented people.

    python3 scripts/generate-mail.py --out /tmp/bench-mail/mail-L.mbox --messages 200000

About 10 KB a message on average (2 GB for 200,000): a Received / DKIM / ARC header block of
2 to 3 KB like Gmail's, then a plain-text body, and for one message in five a base64 attachment of
15 to 45 KB (so one byte in five is in a header, as in real mailboxes). Of the messages, 60% are
personal threads between the owner and about 5,000 correspondents (In-Reply-To / References
set), 10% small groups, 25% newsletters and notifications (List-Id, List-Unsubscribe,
Precedence: bulk, Gmail categories) and the rest large announcements. Body lines that begin with
"From " are written as ">From " (mboxrd), except in one message in 500, where an attachment line
begins with an unescaped "From " (as some writers leave them; --clean leaves them out, for
readers such as GMime that end the mailbox there). --crlf writes CRLF line ends.

The same --seed gives the same bytes.
"""

import argparse
import base64
import random
import sys

FIRST = ["Ana", "Bo", "Chen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jia", "Kofi", "Lena", "Mato", "Nia",
         "Omar", "Pia", "Quinn", "Rui", "Sana", "Teo", "Uma", "Vik", "Wen", "Xavi", "Yara", "Zed"]
LAST = ["Ruiz", "Lind", "Okafor", "Haddad", "Vik", "Chen", "Novak", "Kaya", "Weber", "Costa", "Ivanova", "Tanaka",
        "Mensah", "Ricci", "Brandt", "Solberg", "Petrov", "Kim", "Zahra", "Carter", "Navarro", "Saleh", "de Vries"]
DOMAINS = ["fjordline.example", "northwind.example", "greyhaven.example", "harbor-ai.example", "kessel.example",
           "orbital.example", "ponte.example", "lumen.example", "verde.example", "atlas.example"]
WORDS = ("the of and to in for on with as we our your this that from be at by it is are will can please "
         "meeting contract freight rate lane quarter pilot budget data forecast review draft proposal call "
         "thanks next week update numbers team partner order shipment invoice schedule agenda").split()
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date_parts(t):
    # Seconds since 1970 to (weekday, day, month, year, h, m, s), proleptic Gregorian, UTC.
    days, rem = divmod(t, 86400)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    wd = (days + 3) % 7  # 1970-01-01 was a Thursday
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    mo = mp + 3 if mp < 10 else mp - 9
    return wd, d, mo, y + (1 if mo <= 2 else 0), h, m, s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--messages", type=int, default=200000)
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--clean", action="store_true", help="no unescaped From lines (GMime stops at the first)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    owner = ("Noor Haddad", "noor.haddad@example.com")
    people = []
    for i in range(a.people):
        f, l = rnd.choice(FIRST), rnd.choice(LAST)
        people.append((f"{f} {l}", f"{f.lower()}.{l.lower().replace(' ', '')}{i}@{rnd.choice(DOMAINS)}"))
    lists = [(f"News {i}", f"news@list{i}.example", f"list{i}.example") for i in range(60)]
    # Pre-made blocks, sliced per message (fast and still varied).
    text_pool = [" ".join(rnd.choice(WORDS) for _ in range(12)) for _ in range(4000)]
    b64 = base64.b64encode(rnd.randbytes(48 * 1024 * 3 // 4 * 2)).decode()
    b64_lines = [b64[i:i + 76] for i in range(0, len(b64), 76)]
    received_pool = []
    for i in range(200):
        received_pool.append(
            f"Received: from mail-{i}.outbound.example (mail-{i}.outbound.example [10.{i % 250}.{i % 7}.{i % 13}])\n"
            f"        by mx.google.example with ESMTPS id x{i:06d}abcdef.{i}.2024.01.01.00.00.00\n"
            f"        for <noor.haddad@example.com>\n"
            f"        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n"
            f"        Mon, 01 Jan 2024 00:00:{i % 60:02d} -0800 (PST)")
    dkim = ("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=20230601; t=1700000000;\n"
            "        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject\n"
            "         :date:message-id:reply-to;\n"
            "        bh=" + "A" * 44 + ";\n"
            "        b=" + "\n         ".join("B" * 70 for _ in range(5)))
    arc = ("ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none;\n        d=google.example; s=arc-20160816;\n"
           "        b=" + "\n         ".join("C" * 70 for _ in range(4)))
    nl = "\r\n" if a.crlf else "\n"
    out = open(a.out, "w", encoding="utf-8", newline="")
    t = 1_640_995_200  # 2022-01-01
    step = max(1, (1_709_251_200 - t) // max(1, a.messages))
    threads = []  # (subject, other, last message id)
    written = 0
    for n in range(a.messages):
        t += rnd.randint(1, 2 * step)
        wd, d, mo, y, h, m, s = date_parts(t)
        sep_date = f"{WEEKDAYS[wd]} {MONTHS[mo - 1]} {d:02d} {h:02d}:{m:02d}:{s:02d} +0000 {y}"
        date = f"{WEEKDAYS[wd]}, {d} {MONTHS[mo - 1]} {y} {h:02d}:{m:02d}:{s:02d} +0000"
        kind = rnd.random()
        extra = []
        labels = "Inbox"
        in_reply = None
        if kind < 0.6:
            if threads and rnd.random() < 0.6:
                ti = rnd.randrange(len(threads))
                subject, other, parent, refs = threads[ti]
                subject = "Re: " + subject
                in_reply = parent
            else:
                other = rnd.choice(people)
                subject = " ".join(rnd.choice(WORDS) for _ in range(5)).capitalize()
                refs = []
            if rnd.random() < 0.5:
                frm, to, labels = owner, [other], "Sent"
            else:
                frm, to = other, [owner]
            cc = []
        elif kind < 0.7:
            frm = rnd.choice(people)
            to = [owner] + rnd.sample(people, rnd.randint(1, 4))
            cc = rnd.sample(people, rnd.randint(0, 2))
            subject = " ".join(rnd.choice(WORDS) for _ in range(4)).capitalize()
            refs = []
        elif kind < 0.95:
            name, addr, lid = rnd.choice(lists)
            frm, to, cc = (name, addr), [owner], []
            subject = "Weekly: " + " ".join(rnd.choice(WORDS) for _ in range(4))
            extra = [f"List-Id: {name} <{lid}>", f"List-Unsubscribe: <mailto:unsubscribe@{lid}>", "Precedence: bulk"]
            labels = "Inbox,Category Updates"
            refs = []
        else:
            frm = rnd.choice(people)
            to = [owner] + rnd.sample(people, 30)
            cc = []
            subject = "Announcement: " + " ".join(rnd.choice(WORDS) for _ in range(3))
            refs = []
        mid = f"<m{n}.{rnd.randrange(1 << 30)}@mail.example>"
        lines = [f"From {rnd.randrange(10**18, 10**19)}@xxx {sep_date}", f"X-GM-THRID: {rnd.randrange(10**18)}",
                 f"X-Gmail-Labels: {labels}", "Delivered-To: noor.haddad@example.com"]
        lines += rnd.sample(received_pool, 3)
        lines += [dkim, arc, "MIME-Version: 1.0", f"From: {frm[0]} <{frm[1]}>",
                  "To: " + ",\n ".join(f"{p[0]} <{p[1]}>" for p in to)]
        if cc:
            lines.append("Cc: " + ", ".join(f"{p[0]} <{p[1]}>" for p in cc))
        lines += [f"Subject: {subject}", f"Date: {date}", f"Message-ID: {mid}"]
        if in_reply:
            lines += [f"In-Reply-To: {in_reply}", "References: " + " ".join(refs + [in_reply])]
        lines += extra
        attach = rnd.random() < 0.2
        boundary = f"000000000000{rnd.randrange(16**12):012x}"
        if attach:
            lines += [f'Content-Type: multipart/mixed; boundary="{boundary}"', "", f"--{boundary}",
                      'Content-Type: text/plain; charset="UTF-8"', ""]
        else:
            lines += ['Content-Type: text/plain; charset="UTF-8"', ""]
        greeting = (to[0][0].split()[0] if to else "all") + ","
        lines.append(f"Hi {greeting}")
        lines.append("")
        for j in range(rnd.randint(5, 60)):
            line = rnd.choice(text_pool)
            if j == 3 and n % 97 == 0:
                line = ">From the minutes: " + line  # mboxrd-escaped body line
            lines.append(line)
        if attach:
            lines += ["", f"--{boundary}", "Content-Type: application/pdf; name=\"doc.pdf\"",
                      "Content-Transfer-Encoding: base64", ""]
            start = rnd.randrange(len(b64_lines) - 800)
            lines += b64_lines[start:start + rnd.randint(200, 600)]
            if n % 500 == 0 and not a.clean:
                lines.append("From the attachment: an unescaped line")
            lines += [f"--{boundary}--"]
        lines.append("")
        text = nl.join(lines).replace("\n", nl) if a.crlf else nl.join(lines)
        out.write(text + nl)
        written += len(text) + len(nl)
        if kind < 0.6 and in_reply is None:
            threads.append((subject, other, mid, []))
            if len(threads) > 20000:
                threads.pop(rnd.randrange(len(threads)))
        elif kind < 0.6:
            threads[ti] = (threads[ti][0], other, mid, (refs + [in_reply])[-5:])
    out.close()
    print(f"{a.out}: {a.messages} messages, {written / 1e6:.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
