#!/usr/bin/env bash
# The seed's cleanup script: empties the lab's buckets, deletes its stacks newest first, then
# checks that nothing tagged lab=cross-service-lab remains. It is `npm run lab -- cleanup --yes`.
#   cd scripts && ./cleanup-cross-service-lab.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lab-common.sh"
ensure_emulator
lab cleanup --yes "$@"
