#!/usr/bin/env bash
# The seed's fault injector. Writes the service's record in the lab-faults table through the
# AWS SDK, on the console's current target, so it works on AWS too; the services read it
# about once a second.
#   ./simulate-service-failure.sh <service> fail|recover|latency <ms>|error-rate <pct>|crash [--for <seconds>]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab-common.sh"
exec "$NODE" --disable-warning=ExperimentalWarning scripts/fault.ts "$@"
