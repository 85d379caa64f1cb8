# Shared by the seed's scripts: run from the repository root with the project's Node 22,
# and start the emulator in the background when the current target needs it and nothing answers.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NODE="$ROOT/node_modules/.bin/node"
[ -x "$NODE" ] || NODE="node"
export AWS_EC2_METADATA_DISABLED="${AWS_EC2_METADATA_DISABLED:-true}"

lab() {
  "$NODE" --disable-warning=ExperimentalWarning scripts/lab.ts "$@"
}

# The emulator's URL when the target saved in Settings is the local emulator; nothing on AWS.
ensure_emulator() {
  local url data_dir pid_file log_file port
  url="$(lab endpoint)" || exit 1
  [ -n "$url" ] || return 0
  if curl -fsS -m 2 "$url/_lab/health" >/dev/null 2>&1; then return 0; fi
  port="${url##*:}"
  data_dir="${LAB_DATA_DIR:-$ROOT/.lab-data}"
  mkdir -p "$data_dir"
  pid_file="$data_dir/emulator.pid"
  log_file="$data_dir/emulator.log"
  echo "Nothing answers at $url: starting the emulator in the background."
  nohup "$NODE" --disable-warning=ExperimentalWarning emulator/main.ts --port "$port" --data-dir "$data_dir" >>"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 60); do
    if curl -fsS -m 2 "$url/_lab/health" >/dev/null 2>&1; then
      echo "The emulator runs as PID $(cat "$pid_file") (log: $log_file). Stop it with: kill \$(cat $pid_file)"
      return 0
    fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "The emulator did not start; its log says:" >&2
      tail -n 20 "$log_file" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "The emulator did not answer at $url within 30 s; see $log_file" >&2
  exit 1
}
