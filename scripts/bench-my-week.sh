#!/usr/bin/env bash
# `make bench`: the "my week" page under load, as people use it — many
# firms, many signed-in people, 64 connections — against the release build
# on the embedded PostgreSQL. Prints one line (requests per second, p50 and
# p99 latency, errors, the server's peak memory).
#
#   BENCH_FIRMS     firms to provision (default 40; README also has 1000)
#   BENCH_SESSIONS  people signed in, spread over firms and people
#                   (default: 200, or one per firm when there are more)
#   BENCH_SECONDS   how long to drive load (default 20)
#   BENCH_PORT      where the server listens (default 3300)
set -euo pipefail
cd "$(dirname "$0")/.."

firms=${BENCH_FIRMS:-40}
sessions=${BENCH_SESSIONS:-$(( firms > 200 ? firms : 200 ))}
seconds=${BENCH_SECONDS:-20}
port=${BENCH_PORT:-3300}
password=pespro-bench-2026
work=target/bench
export PESPRO_DATA_DIR="$work/data-$firms" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn
mkdir -p "$work"

echo "building the release server…" >&2
cargo build --release --quiet -p pespro-server
bin=target/release/pespro

echo "provisioning $firms firms (kept in $PESPRO_DATA_DIR for the next run)…" >&2
"$bin" seed-bench --firms "$firms" --password "$password" >&2

"$bin" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done

echo "signing in $sessions people…" >&2
sign_in() {
  local i=$1 firm person host
  firm=$(printf 'bench-%04d' $(( 1 + i % firms )))
  person=$(( 1 + (i / firms) % 20 ))
  host="$firm.localhost:$port"
  curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$port/api/sign_in" \
    -H "Host: $host" -H "Origin: http://$host" \
    --data-urlencode "email=user$person@$firm.example" --data-urlencode "password=$password" |
    awk -v host="$host" 'tolower($1) == "set-cookie:" { split($2, c, ";"); print host " " c[1] }'
}
export -f sign_in
export firms port password
seq 0 $(( sessions - 1 )) | xargs -P 4 -I{} bash -c 'sign_in {}' >"$work/sessions.txt"
signed_in=$(wc -l <"$work/sessions.txt")
[ "$signed_in" -eq "$sessions" ] || { echo "only $signed_in of $sessions sign-ins worked" >&2; exit 1; }

# One request by hand: the benchmark must measure the page, not a redirect.
read -r host cookie <"$work/sessions.txt"
curl -fs -H "Host: $host" -H "Cookie: $cookie" "http://127.0.0.1:$port/time" | grep -q 'data-testid="week-total"' ||
  { echo "the week page did not render for a signed-in person" >&2; exit 1; }

{
  echo 'local sessions = {'
  awk '{ printf "  {%c%s%c, %c%s%c},\n", 34, $1, 34, 34, $2, 34 }' "$work/sessions.txt"
  cat <<'LUA'
}
-- `bad` is global: done() reads each thread's count with thread:get.
local threads, n = {}, 0
bad = 0
function setup(thread) table.insert(threads, thread) end
function init() n = math.random(#sessions) end
function request()
  n = n % #sessions + 1
  local s = sessions[n]
  return wrk.format("GET", "/time", { ["Host"] = s[1], ["Cookie"] = s[2], ["Accept"] = "text/html" })
end
function response(status) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, t in ipairs(threads) do errors = errors + t:get("bad") end
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
LUA
} >"$work/my-week.lua"

echo "driving load: 64 connections for ${seconds}s…" >&2
result=$(wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$work/my-week.lua" "http://127.0.0.1:$port/time" | grep '^RESULT')
peak_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
read -r _ rps p50 p99 errors requests <<<"$result"
printf 'my week: %d firms, %d signed-in people, 64 connections, %ss: %s req/s, p50 %s ms, p99 %s ms, %d errors of %d requests, server peak memory %d MiB\n' \
  "$firms" "$sessions" "$seconds" "$rps" "$p50" "$p99" "$errors" "$requests" $(( peak_kib / 1024 ))
