#!/bin/bash
# Times one command: wall time, its CPU (user + system, GNU time), its peak RSS, the
# machine-wide busy CPU seconds from /proc/stat (a local PostgreSQL server's work included)
# and the load average before and after. Usage: packages/service/bench/syscpu.sh CMD ARGS...
out=$(mktemp)
trap 'rm -f "$out"' EXIT
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
b0=$(busy); l0=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/time -o "$out" -f "%e %U %S %M" "$@"
rc=$?
b1=$(busy); l1=$(cut -d' ' -f1 /proc/loadavg)
read e u s m < "$out"
echo "wall ${e}s  process CPU $(echo "$u+$s"|bc)s  machine busy CPU $(echo "scale=1;($b1-$b0)/$(getconf CLK_TCK)"|bc)s  peakRSS $((m/1024))MiB  load $l0 -> $l1  rc=$rc" >&2
exit $rc
