#!/usr/bin/env bash
# The seed's provisioning script: deploys the lab's stacks, in order, to the target chosen in
# the console's Settings (the local emulator unless you chose an AWS account).
#   cd scripts && ./provision-cross-service-lab.sh [--variant appmesh|connect]
# It is `npm run lab -- deploy`; on the local target it first starts the emulator if needed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab-common.sh"
ensure_emulator
lab deploy "$@"
