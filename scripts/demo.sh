#!/bin/sh
# demo.sh: what `make demo` runs after building bin/sitrep (see README.md).
#
# A fresh data directory with the Tartus story: the SIMULATED AIS of the
# scenario (scenario/tartus/scenario.yaml, generated here with the
# project's encoder, every line tagged s:sitrep-simulated-tartus), the REAL
# AIS captures of testdata/ais (Australia, Denmark; attribution in
# testdata/ais/README.md), the story's graded reports, and an analyst login;
# then `sitrep serve` on loopback until Ctrl-C.
#
# Settings (environment): DEMO_DATA (default demo-data), DEMO_LISTEN
# (default 127.0.0.1:8080), DEMO_USER / DEMO_PASSWORD (default demo /
# tartus-2025: a throwaway login for a throwaway, loopback-only demo).
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/sitrep}
DATA=${DEMO_DATA:-demo-data}
LISTEN=${DEMO_LISTEN:-127.0.0.1:8080}
USER_NAME=${DEMO_USER:-demo}
PASSWORD=${DEMO_PASSWORD:-tartus-2025}

say() { printf '== %s\n' "$*"; }

rm -rf "$DATA"
mkdir -p "$DATA"
say "SIMULATED AIS of the Tartus scenario -> $DATA/tartus-simulated.nmea"
"$BIN" simulate --scenario scenario/tartus/scenario.yaml --seed 1 --out "$DATA/tartus-simulated.nmea"
say "replay the simulated scenario and the real captures (testdata/ais) with event detection"
"$BIN" replay --data "$DATA" --progress=false "$DATA/tartus-simulated.nmea" testdata/ais/*.nmea
say "load the story's graded reports (scenario/tartus/reports)"
"$BIN" reports load --data "$DATA" scenario/tartus/reports/*.yaml >"$DATA/reports-load.txt" 2>&1
grep "reports stored" "$DATA/reports-load.txt"
say "create the analyst login $USER_NAME"
printf '%s\n' "$PASSWORD" | "$BIN" users add "$USER_NAME" --role analyst --password-stdin --data "$DATA" >/dev/null

cat <<MSG

  sitrep is serving the Tartus demo at   http://$LISTEN/
  log in as   $USER_NAME / $PASSWORD   (analyst: may add reports)
  Tartus situation report:   http://$LISTEN/api/brief?site=tartus-naval-base&from=2025-01-20&to=2025-02-20&format=md

  The Sparta voyage is SIMULATED (marked hollow on the map); the traffic off
  Australia and Denmark is REAL (testdata/ais). Ctrl-C stops the server.

MSG
exec "$BIN" serve --data "$DATA" --listen "$LISTEN"
