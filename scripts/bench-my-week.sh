#!/usr/bin/env bash
# `make bench`: pages under load, as people use them — many firms, many
# signed-in people, 64 connections — against the release build on the
# embedded PostgreSQL. Drives, one after the other, "my week" (`/time`, as
# everyone), the dashboard (`/`, as everyone), the invoice list (`/invoices`,
# newest 200 of 1,000 per firm), receivables (`/receivables`, aging of the
# firm's open invoices) and the approvals inbox (`/approvals`, 16 submitted
# weeks per firm), the last three as managers and administrators, the people
# who may see them. Prints one
# line per page (requests per second, p50 and p99 latency, errors, the
# server's peak memory during that page's run), labelled.
#
#   BENCH_FIRMS     firms to provision (default 40; README also has 1000)
#   BENCH_SESSIONS  people signed in, spread over firms and people
#                   (default: 200, or one per firm when there are more;
#                   for the invoice pages at most 4 per firm)
#   BENCH_SECONDS   how long to drive each page (default 20)
#   BENCH_PORT      where the server listens (default 3300)
#   BENCH_PATH      pages to drive, space-separated: /time, /, /invoices,
#                   /receivables, /approvals (default: all five)
#   BENCH_BIN       a server binary to drive instead of building this
#                   checkout's (A/B runs of two builds on the same data)
set -euo pipefail
cd "$(dirname "$0")/.."

firms=${BENCH_FIRMS:-40}
sessions=${BENCH_SESSIONS:-$(( firms > 200 ? firms : 200 ))}
seconds=${BENCH_SECONDS:-20}
port=${BENCH_PORT:-3300}
pages=${BENCH_PATH:-/time / /invoices /receivables /approvals}
password=pespro-bench-2026
work=target/bench
# Every person signs in from an address of their own (X-Forwarded-For,
# trusted here): from one address, sign-in limits would stop the benchmark
# after a few dozen people, as they would an attacker.
export PESPRO_DATA_DIR="$work/data-$firms" LEPTOS_SITE_ADDR="127.0.0.1:$port" RUST_LOG=warn PESPRO_TRUST_PROXY=true
mkdir -p "$work"

# label, marker (a data-testid only present with data), people of each
# firm who may see it (users 1–4 are the admin and managers: load_data.rs).
page_info() {
  case $1 in
    /time) echo "my-week week-total 20" ;;
    /) echo "dashboard client-list 20" ;;
    /invoices) echo "invoices invoice-row 4" ;;
    /receivables) echo "receivables receivables 4" ;;
    /approvals) echo "approvals inbox-item 4" ;;
    *) echo "BENCH_PATH: unknown page $1 (use /time, /, /invoices, /receivables or /approvals)" >&2; exit 2 ;;
  esac
}
for path in $pages; do page_info "$path" >/dev/null; done

bin=${BENCH_BIN:-target/release/pespro}
if [ -z "${BENCH_BIN:-}" ]; then
  echo "building the release server…" >&2
  cargo build --release --quiet -p pespro-server
fi

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

sign_in() {
  local i=$1 people=$2 f p firm host n
  f=$(( 1 + i % firms ))
  p=$(( 1 + (i / firms) % people ))
  firm=$(printf 'bench-%04d' "$f")
  host="$firm.localhost:$port"
  n=$(( f * 32 + p ))
  curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$port/api/sign_in" \
    -H "Host: $host" -H "Origin: http://$host" -H "X-Forwarded-For: 10.$(( n >> 16 & 255 )).$(( n >> 8 & 255 )).$(( n & 255 ))" \
    --data-urlencode "email=user$p@$firm.example" --data-urlencode "password=$password" |
    awk -v host="$host" 'tolower($1) == "set-cookie:" { split($2, c, ";"); print host " " c[1] }'
}
export -f sign_in
export firms port password

# People who may see the page, signed in once per group and reused.
signed_in_file() {
  local people=$1 count file
  count=$(( sessions < firms * people ? sessions : firms * people ))
  file="$work/sessions-$people.txt"
  if [ ! -s "$file.done" ]; then
    echo "signing in $count people…" >&2
    seq 0 $(( count - 1 )) | xargs -P 4 -I{} bash -c "sign_in {} $people" >"$file"
    local got
    got=$(wc -l <"$file")
    [ "$got" -eq "$count" ] || { echo "only $got of $count sign-ins worked" >&2; exit 1; }
    echo "$count" >"$file.done"
  fi
  echo "$file"
}
rm -f "$work"/sessions-*.txt.done

drive() {
  local path=$1 label marker people file count host cookie
  read -r label marker people < <(page_info "$path")
  file=$(signed_in_file "$people")
  count=$(wc -l <"$file")

  # One request by hand: the benchmark must measure the page with its data,
  # not a redirect, a refusal or an empty state.
  read -r host cookie <"$file"
  curl -fs -H "Host: $host" -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | grep -q "data-testid=\"$marker\"" ||
    { echo "$path did not render $marker for a signed-in person" >&2; exit 1; }

  {
    echo 'local sessions = {'
    awk '{ printf "  {%c%s%c, %c%s%c},\n", 34, $1, 34, 34, $2, 34 }' "$file"
    echo '}'
    echo "local path = \"$path\""
    cat <<'LUA'
-- `bad` is global: done() reads each thread's count with thread:get.
local threads, n = {}, 0
bad = 0
function setup(thread) table.insert(threads, thread) end
function init() n = math.random(#sessions) end
function request()
  n = n % #sessions + 1
  local s = sessions[n]
  return wrk.format("GET", path, { ["Host"] = s[1], ["Cookie"] = s[2], ["Accept"] = "text/html" })
end
function response(status) if status ~= 200 then bad = bad + 1 end end
function done(summary, latency)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  for _, t in ipairs(threads) do errors = errors + t:get("bad") end
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
end
LUA
  } >"$work/$label.lua"

  echo "driving $path: 64 connections for ${seconds}s…" >&2
  # The peak is per page: reset the server's high-water mark first.
  echo 5 >"/proc/$server/clear_refs" 2>/dev/null || true
  local result rps p50 p99 errors requests peak_kib
  result=$(wrk -t2 -c64 -d"${seconds}s" --timeout 10s -s "$work/$label.lua" "http://127.0.0.1:$port$path" | grep '^RESULT')
  peak_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
  read -r _ rps p50 p99 errors requests <<<"$result"
  case $label in
    my-week) printf 'my week' ;;
    dashboard) printf 'dashboard (/, the firm'"'"'s 10 clients)' ;;
    approvals) printf 'approvals (/approvals, 16 submitted weeks per firm)' ;;
    invoices) printf 'invoices (/invoices, newest 200 of 1,000 per firm)' ;;
    receivables) printf 'receivables (/receivables, aging of 1,000 invoices per firm)' ;;
  esac
  printf ': %d firms, %d signed-in people, 64 connections, %ss: %s req/s, p50 %s ms, p99 %s ms, %d errors of %d requests, server peak memory %d MiB\n' \
    "$firms" "$count" "$seconds" "$rps" "$p50" "$p99" "$errors" "$requests" $(( peak_kib / 1024 ))
}

for path in $pages; do drive "$path"; done
