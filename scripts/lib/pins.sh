# Sourced by the scripts that need a component version: `pin NAME` prints the
# value of NAME=... in scripts/build-real-components, the one place versions
# are pinned (the part before any space or comment).
_pins_file="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build-real-components"
pin() {
    local v
    # No `| head`: under pipefail a writer killed by SIGPIPE fails the line.
    v=$(sed -n "s/^$1=\([^ #]*\).*/\1/p" "$_pins_file")
    v=${v%%$'\n'*}
    [[ -n $v ]] || { echo "no $1= in $_pins_file" >&2; return 1; }
    printf '%s\n' "$v"
}
