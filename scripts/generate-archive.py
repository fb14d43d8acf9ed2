#!/usr/bin/env python3
"""Seeded generators for warmpath's product benchmarks (stdlib only).

  generate-archive.py linkedin OUT_DIR [--connections 30000] [--messages 300000] [--seed 42]
      a LinkedIn-style archive folder (Profile, Connections with the Notes preamble,
      messages.csv with 1:1 and group threads and HTML content, Invitations, endorsements,
      Positions, Education, Skills)
  generate-archive.py messenger OUT_DIR [--threads 200] [--messages 500000] [--seed 42]
      a Facebook "Download Your Information" folder with Messenger threads split over
      message_1..N.json (10,000 messages per file, newest first, mojibake-escaped names)
  generate-archive.py targets OUT_FILE ARCHIVE_DIR [--count 500] [--seed 42]
      a targets.csv naming people and companies of a generated archive

Everything is invented; output goes to scratch folders, never into the repository.
"""
import argparse, csv, datetime, json, os, random

FIRST = ["Ana", "Ben", "Chloé", "David", "Elif", "Fatima", "Grace", "Hannah", "Ingrid", "Jonas", "Kofi", "Lucía",
         "Mei", "Nikolai", "Olga", "Priya", "Rafael", "Sofia", "Tomás", "Yusuf", "Zoë", "Amara", "Marco", "Aiko"]
LAST = ["Olsen", "Reyes", "Mensah", "Tanaka", "Raman", "Okafor", "Bellini", "Demir", "Lindqvist", "Brandt", "Nwosu",
        "Fernández", "Chen", "Costa", "Solberg", "Kaya", "Martin", "Osei", "Ricci", "Petrov", "Kim", "Weber", "Novak"]
COMPANIES = [f"{a} {b}" for a in ["Northwind", "Fjord", "Orbital", "Saltmarsh", "Greyhaven", "Ponte", "Aurora", "Harbor",
             "Seabird", "Kente", "Lumière", "Atlas", "Borealis", "Cobalt"] for b in ["Logistics", "Analytics", "Capital", "Health", "Systems", "AI"]]
TITLES = ["Head of Sales", "CFO", "VP Operations", "Data Lead", "Partner", "Founder", "Sales Engineer", "Procurement Manager"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
NOW = datetime.datetime(2024, 3, 20, tzinfo=datetime.timezone.utc)


def person(rng, i):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    slug = f"{first}-{last}-{i:x}".lower()
    return first, last, f"https://www.linkedin.com/in/{slug}", rng.choice(COMPANIES), rng.choice(TITLES)


def linkedin(out, connections, messages, seed):
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    owner_url = "https://www.linkedin.com/in/owner-benchmark"
    with open(os.path.join(out, "Profile.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary", "Industry",
                    "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"])
        w.writerow(["Owen", "Benchmark", "", "", "Jan 1", "Head of Partnerships", "", "Logistics", "", "Oslo", "", "", ""])
    people = [person(rng, i) for i in range(connections)]
    with open(os.path.join(out, "Connections.csv"), "w", newline="") as f:
        f.write('Notes:\n"Some e-mail addresses are missing."\n\n')
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for i, (fi, la, url, co, ti) in enumerate(people):
            d = NOW - datetime.timedelta(days=rng.randint(0, 3650))
            w.writerow([fi, la, url, "", co, ti, f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"])
    # Messages: threads with a power-law share of the volume.
    active = rng.sample(range(connections), min(connections, max(1, connections // 3)))
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(active))]
    with open(os.path.join(out, "messages.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
                    "DATE", "SUBJECT", "CONTENT", "FOLDER"])
        written = 0
        conv = 0
        while written < messages:
            conv += 1
            group = rng.random() < 0.05
            members = [active[k] for k in rng.choices(range(len(active)), weights=weights, k=3 if group else 1)]
            n = min(messages - written, max(1, int(rng.paretovariate(1.3))))
            t = NOW - datetime.timedelta(days=rng.randint(0, 1500), seconds=rng.randint(0, 86400))
            cid = f"2-bench{conv:08d}=="
            for _ in range(n):
                sender = rng.choice([None] + members)
                if sender is None:
                    frm, furl = "Owen Benchmark", owner_url
                    to = [people[m] for m in members]
                else:
                    frm, furl = f"{people[sender][0]} {people[sender][1]}", people[sender][2]
                    to = [("Owen", "Benchmark", owner_url)] + [people[m] for m in members if m != sender]
                body = rng.choice(["<p>Hi,</p><p>Thanks &amp; talk soon</p>", "Great to meet you at the expo.",
                                   "<p>Could we meet this week?</p>", "Congrats on the new role!", ""])
                w.writerow([cid, "Team thread" if group else "", frm, furl, ", ".join(f"{a} {b}" for a, b, *_ in to),
                            ",".join(p[2] for p in to), t.strftime("%Y-%m-%d %H:%M:%S UTC"), "", body, "INBOX"])
                t += datetime.timedelta(hours=rng.randint(1, 200))
                if t > NOW:
                    t = NOW
                written += 1
    with open(os.path.join(out, "Endorsement_Received_Info.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name", "Endorser Public Url",
                    "Endorsement Status"])
        for k in rng.sample(range(connections), min(connections, 500)):
            d = NOW - datetime.timedelta(days=rng.randint(0, 2000))
            w.writerow([d.strftime("%Y/%m/%d %H:%M:%S UTC"), rng.choice(["Negotiation", "Logistics", "Sales"]),
                        people[k][0], people[k][1], people[k][2].replace("https://", ""), "ACCEPTED"])
    with open(os.path.join(out, "Positions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"])
        w.writerow([COMPANIES[0], "Head of Partnerships", "", "Oslo", "Nov 2020", ""])
        w.writerow([COMPANIES[7], "Sales Manager", "", "Oslo", "Mar 2016", "Oct 2020"])


def messenger(out, threads, messages, seed):
    rng = random.Random(seed)
    owner = "Owen Benchmark"
    moj = lambda s: s.encode("utf-8").decode("latin-1")
    per = messages // threads
    for t in range(threads):
        other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        group = [other] + ([f"{rng.choice(FIRST)} {rng.choice(LAST)}"] if t % 10 == 0 else [])
        folder = os.path.join(out, "your_facebook_activity", "messages", "inbox", f"thread{t:04d}_{t * 7919 % 10 ** 6}")
        os.makedirs(folder, exist_ok=True)
        start = NOW - datetime.timedelta(days=rng.randint(30, 2000))
        ms = int(start.timestamp() * 1000)
        msgs = []
        for _ in range(per):
            ms += rng.randint(1000, 3_600_000)
            msgs.append({"sender_name": moj(rng.choice([owner] + group)), "timestamp_ms": ms,
                         "content": moj(rng.choice(["On se voit jeudi 😀", "Thanks!", "Great, talk soon", "Ça marche"])),
                         "is_geoblocked_for_viewer": False})
        msgs.reverse()
        for part in range(0, len(msgs), 10000):
            doc = {"participants": [{"name": moj(p)} for p in group + [owner]], "messages": msgs[part:part + 10000],
                   "title": moj(other), "is_still_participant": True, "thread_path": f"inbox/thread{t:04d}", "magic_words": []}
            with open(os.path.join(folder, f"message_{part // 10000 + 1}.json"), "w") as f:
                json.dump(doc, f, indent=2, ensure_ascii=True)


def targets(out, archive, count, seed):
    rng = random.Random(seed)
    with open(os.path.join(archive, "Connections.csv")) as f:
        rows = list(csv.reader(f))[4:]
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "company", "profile_url", "email"])
        for r in rng.sample(rows, min(count - 5, len(rows))):
            w.writerow([f"{r[0]} {r[1]}", r[4], r[2], ""])
        for c in COMPANIES[:5]:
            w.writerow(["", c, "", ""])


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["linkedin", "messenger", "targets"])
    ap.add_argument("out")
    ap.add_argument("archive", nargs="?")
    ap.add_argument("--connections", type=int, default=30000)
    ap.add_argument("--messages", type=int, default=None)
    ap.add_argument("--threads", type=int, default=200)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    if a.kind == "linkedin":
        linkedin(a.out, a.connections, a.messages or 300000, a.seed)
    elif a.kind == "messenger":
        messenger(a.out, a.threads, a.messages or 500000, a.seed)
    else:
        targets(a.out, a.archive, a.count, a.seed)
