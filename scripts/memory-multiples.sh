#!/usr/bin/env bash
# Peak memory of `warmpath inspect` per reader, as a multiple of the input size (docs/limits.md).
#   scripts/memory-multiples.sh [BINARY] [MB]
# BINARY defaults to .build/release/warmpath; MB (default 20) is the approximate size of each
# generated input. Inputs are generated with python3 in a temporary folder, deleted at the end.
# Prints one Markdown table row per input: reader, file size, peak RSS, (peak - baseline) / size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build/release/warmpath}
mb=${2:-20}
[[ -x $bin ]] || { echo "memory-multiples.sh: no binary at $bin (swift build -c release)" >&2; exit 64; }
work=$(mktemp -d "${TMPDIR:-/tmp}/warmpath-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$mb" <<'PY'
import json, os, random, sys, zipfile
work, mb = sys.argv[1], int(sys.argv[2])
target = mb * 1_000_000
rnd = random.Random(42)
def path(*p):
    f = os.path.join(work, *p); os.makedirs(os.path.dirname(f), exist_ok=True); return f
n_nodes = 200_000

# edge list
with open(path('edges.csv'), 'w') as f:
    f.write('source,target,weight\n'); size = 0
    while size < target:
        line = f'{rnd.randrange(n_nodes)},{rnd.randrange(n_nodes)},{rnd.random():.4f}\n'; f.write(line); size += len(line)

# GraphML
with open(path('graph.graphml'), 'w') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<key id="n" for="node" attr.name="name" attr.type="string"/>\n'
            '<key id="w" for="edge" attr.name="weight" attr.type="double"/>\n<graph edgedefault="undirected">\n')
    size = 0; k = 0
    for v in range(20_000):
        f.write(f'<node id="n{v}"><data key="n">Person {v}</data></node>\n')
    while size < target:
        line = f'<edge source="n{rnd.randrange(20_000)}" target="n{rnd.randrange(20_000)}"><data key="w">{rnd.random():.4f}</data></edge>\n'
        f.write(line); size += len(line); k += 1
    f.write('</graph>\n</graphml>\n')

# node-link JSON
nodes = [{'id': f'n{v}', 'name': f'Person {v}'} for v in range(20_000)]
links = []; size = 0
while size < target:
    e = {'source': f'n{rnd.randrange(20_000)}', 'target': f'n{rnd.randrange(20_000)}', 'weight': round(rnd.random(), 4)}
    links.append(e); size += 60
json.dump({'directed': False, 'nodes': nodes, 'links': links}, open(path('graph.json'), 'w'))

# GML
with open(path('graph.gml'), 'w') as f:
    f.write('graph [\n directed 0\n'); size = 0
    for v in range(20_000): f.write(f' node [ id {v} label "Person {v}" ]\n')
    while size < target // 2:
        line = f' edge [ source {rnd.randrange(20_000)} target {rnd.randrange(20_000)} weight {rnd.random():.4f} ]\n'
        f.write(line); size += len(line)
    f.write(']\n')

# Pajek
with open(path('graph.net'), 'w') as f:
    f.write('*Vertices 20000\n')
    for v in range(1, 20_001): f.write(f'{v} "Person {v}"\n')
    f.write('*Edges\n'); size = 0
    while size < target // 2:
        line = f'{rnd.randrange(1, 20_001)} {rnd.randrange(1, 20_001)} {rnd.random():.4f}\n'; f.write(line); size += len(line)

# LinkedIn Connections.csv (folder and zip)
with open(path('linkedin', 'Connections.csv'), 'w') as f:
    f.write('First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'); size = 0; i = 0
    while size < target:
        line = f'First{i},Last{i},https://www.linkedin.com/in/person-{i},p{i}@example.com,Company {i % 500},Engineer,14 Mar 2024\n'
        f.write(line); size += len(line); i += 1
with zipfile.ZipFile(path('linkedin.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
    z.write(path('linkedin', 'Connections.csv'), 'Connections.csv')

# Messenger thread
msgs = []; size = 0; i = 0
while size < target:
    msgs.append({'sender_name': f'Person {i % 50}' if i % 2 else 'Owner Name', 'timestamp_ms': 1_700_000_000_000 + i * 1000,
                 'content': f'message number {i} with some words in it'})
    size += 110; i += 1
json.dump({'participants': [{'name': f'Person {p}'} for p in range(50)] + [{'name': 'Owner Name'}], 'messages': msgs,
           'title': 'Group', 'thread_path': 'inbox/group_1'},
          open(path('facebook', 'your_facebook_activity', 'messages', 'inbox', 'group_1', 'message_1.json'), 'w'))
json.dump({'profile_v2': {'name': {'full_name': 'Owner Name'}}},
          open(path('facebook', 'profile_information', 'profile_information.json'), 'w'))

# vCard
with open(path('contacts.vcf'), 'w') as f:
    size = 0; i = 0
    while size < target // 2:
        card = f'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\nEMAIL:p{i}@example.com\r\nORG:Company {i % 300}\r\nEND:VCARD\r\n'
        f.write(card); size += len(card); i += 1

open(path('tiny.csv'), 'w').write('source,target\na,b\n')
PY

peak() { /usr/bin/time -f %M "$bin" inspect "$1" >/dev/null 2>"$work/time.txt" || true; tail -1 "$work/time.txt"; }
size_of() { if [[ -d $1 ]]; then du -sb "$1" | cut -f1; else stat -c %s "$1"; fi; }
base=$(peak "$work/tiny.csv")
echo "baseline (empty run): $((base / 1024)) MB"
echo "| input | size MB | peak MB | multiple |"
echo "| --- | ---: | ---: | ---: |"
for item in "edge list CSV:edges.csv" "GraphML:graph.graphml" "node-link JSON:graph.json" "GML:graph.gml" \
    "Pajek:graph.net" "LinkedIn folder:linkedin" "LinkedIn zip:linkedin.zip" "Messenger thread:facebook" \
    "vCard:contacts.vcf"; do
    name=${item%%:*}
    file=$work/${item#*:}
    kb=$(peak "$file")
    bytes=$(size_of "$file")
    awk -v n="$name" -v b="$bytes" -v k="$kb" -v base="$base" \
        'BEGIN { printf "| %s | %.1f | %d | %.1f |\n", n, b / 1e6, k / 1024, (k - base) * 1024 / b }'
done
