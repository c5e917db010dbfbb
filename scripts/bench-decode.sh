#!/usr/bin/env bash
# Side-by-side decode throughput: sitrep decode vs gpsdecode -j (gpsd-clients)
# on the real captures in shared/data/ais, concatenated and repeated to at
# least one million AIS sentences. Single-threaded (GOMAXPROCS=1, taskset).
# Prints sentences/s for each run (best of RUNS) and the ratios.
#
#   scripts/bench-decode.sh            # needs bin/sitrep (make build)
#   RUNS=5 MIN_SENTENCES=2000000 scripts/bench-decode.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
MIN_SENTENCES=${MIN_SENTENCES:-1000000}
CAPTURES=${CAPTURES:-../shared/data/ais}
SITREP=${SITREP:-bin/sitrep}

[ -x "$SITREP" ] || make build
if ! command -v gpsdecode >/dev/null; then
	echo "installing gpsd-clients for gpsdecode (Debian package)" >&2
	if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gpsd-clients >/dev/null
	else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gpsd-clients >/dev/null; fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each file ends with a newline in the concatenation (one capture lacks its
# last one, and joining two lines would invent a broken sentence).
for f in "$CAPTURES"/*/*.txt; do cat "$f"; [ -z "$(tail -c1 "$f")" ] || echo; done >"$work/once.nmea"
per=$(grep -c 'VD[MO],' "$work/once.nmea")
reps=$(( (MIN_SENTENCES + per - 1) / per ))
for _ in $(seq "$reps"); do cat "$work/once.nmea"; done >"$work/big.nmea"
lines=$(wc -l <"$work/big.nmea")
sentences=$(( per * reps ))
bytes=$(stat -c %s "$work/big.nmea")
echo "input: $reps x the captures in $CAPTURES = $lines lines, $sentences AIS sentences, $bytes bytes"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $("$SITREP" version)"

pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

# best_of CMD...: runs the command RUNS times (stdin the input, stdout to
# /dev/null) and prints the fastest wall time in seconds.
best_of() {
	local best="" t0 t1 dt
	for _ in $(seq "$RUNS"); do
		t0=$(date +%s.%N)
		GOMAXPROCS=1 $pin "$@" <"$work/big.nmea" >/dev/null 2>"$work/stderr"
		t1=$(date +%s.%N)
		dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", b-a}')
		if [ -z "$best" ] || awk -v a="$dt" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$dt; fi
	done
	echo "$best"
}

g=$(best_of gpsdecode -j)
q=$(best_of "$SITREP" decode --quiet)
"$SITREP" decode --quiet <"$work/big.nmea" 2>&1 >/dev/null | sed 's/^/  /'
j=$(best_of "$SITREP" decode)

rate() { awk -v n="$sentences" -v t="$1" 'BEGIN{printf "%.0f", n/t}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a/b}'; }
printf '%-32s %8.3f s %12s sentences/s\n' "gpsdecode -j > /dev/null" "$g" "$(rate "$g")"
printf '%-32s %8.3f s %12s sentences/s  %6sx gpsdecode\n' "sitrep decode --quiet" "$q" "$(rate "$q")" "$(ratio "$g" "$q")"
printf '%-32s %8.3f s %12s sentences/s  %6sx gpsdecode\n' "sitrep decode > /dev/null" "$j" "$(rate "$j")" "$(ratio "$g" "$j")"
