#!/usr/bin/env bash
# The production start path, on a copy of the repository in a temporary folder (the working copy is
# never touched): the README's commands run literally, then `npm prune --omit=dev` and `npm start`
# again, each followed by GET /healthz and a SIGTERM that must end in a graceful stop.
#   1. README "Set up" command, no credentials           -> demo mode answers /healthz
#   2. README "3. Run" command, credentials + secret + URL -> live mode answers /healthz
#   3. npm prune --omit=dev, npm start (live)              -> still answers: nothing needs a dev dependency
#   4. same, NODE_ENV=production DEMO_MODE=true            -> the simulators load from production dependencies
#   5. NODE_ENV=production without credentials             -> refuses to start, naming DEMO_MODE
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "==> copying the repository to $work"
tar -C "$repo" --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./test-results --exclude=./.env -cf - . | tar -C "$work" -xf -
cd "$work"

# The first ```sh block after a README heading, e.g. readme_command '## Set up'.
readme_command() {
  awk -v heading="$1" '
    $0 == heading { found = 1; next }
    found && /^```sh$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }
  ' README.md
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

LIVE_ENV=(
  HUBSPOT_CLIENT_ID=check-client-id HUBSPOT_CLIENT_SECRET=check-client-secret
  ADOBE_CLIENT_ID=check-adobe-id ADOBE_CLIENT_SECRET=check-adobe-secret ADOBE_IMS_ORG=0123456789ABCDEF01234567@AdobeOrg
  SESSION_SECRET="$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64"))')"
  TOKEN_ENCRYPTION_KEY="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
)

# start_and_probe NAME COMMAND [VAR=value...]: runs COMMAND in its own process group, waits for
# GET /healthz (up to 180 s, which includes `npm ci` when the command has it), then stops it with SIGTERM.
start_and_probe() {
  local name="$1" command="$2"
  shift 2
  local port log pid status=""
  port="$(free_port)"
  log="$work/$name.log"
  echo "==> [$name] $command"
  env "$@" PORT="$port" PUBLIC_BASE_URL="http://localhost:$port" LOG_LEVEL=info setsid bash -c "$command" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 360); do
    status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)"
    [ "$status" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ "$status" != 200 ]; then
    echo "FAIL [$name]: GET /healthz never answered 200; output:" >&2
    tail -n 40 "$log" >&2
    kill -TERM -- "-$pid" 2>/dev/null || true
    exit 1
  fi
  kill -TERM -- "-$pid"
  wait "$pid" || true
  # bash and npm end at once on SIGTERM; the service itself logs "stopped" when its graceful stop is done.
  for _ in $(seq 1 100); do
    grep -q '"msg":"stopped"' "$log" && break
    sleep 0.2
  done
  if ! grep -q '"msg":"stopped"' "$log"; then
    echo "FAIL [$name]: no graceful stop after SIGTERM; output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "    ok: /healthz 200, stopped gracefully"
}

setup_command="$(readme_command '## Set up')"
run_command="$(readme_command '### 3. Run')"
[ -n "$setup_command" ] && [ -n "$run_command" ] || { echo "FAIL: README command blocks not found" >&2; exit 1; }

start_and_probe readme-setup "$setup_command"
start_and_probe readme-run "$run_command" "${LIVE_ENV[@]}"

echo "==> npm prune --omit=dev"
npm prune --omit=dev --no-audit --no-fund >/dev/null
for dev_only in typescript tsx vitest pino-pretty; do
  [ ! -e "node_modules/$dev_only" ] || { echo "FAIL: $dev_only still installed after prune" >&2; exit 1; }
done

start_and_probe pruned-live "npm start" "${LIVE_ENV[@]}" NODE_ENV=production
start_and_probe pruned-demo "npm start" NODE_ENV=production DEMO_MODE=true

echo "==> [pruned-refusal] npm start with NODE_ENV=production and no credentials"
if NODE_ENV=production PORT="$(free_port)" npm start >"$work/refusal.log" 2>&1; then
  echo "FAIL: started in production without credentials" >&2
  exit 1
fi
grep -q 'DEMO_MODE=true' "$work/refusal.log" || { echo "FAIL: the refusal does not name DEMO_MODE" >&2; cat "$work/refusal.log" >&2; exit 1; }
echo "    ok: refused, naming DEMO_MODE"
echo "production start path: all checks passed"
