#!/usr/bin/env bash
# Builds the DocC documentation of the library modules (DeeployPayload, StrictJSON, Magic, and the
# gateway, client and emulator modules) and
# fails on any DocC warning: a ``symbol`` link that names nothing or is ambiguous, a topic that
# lists a missing symbol, a parameter left undocumented.
#
#   scripts/docs.sh [OUTPUT_FOLDER]      (default: .build/docs, one archive per module)
#
# Needs only the toolchain (swift package dump-symbol-graph, docc). To browse an archive, serve it:
#   docc preview Sources/StrictJSON/StrictJSON.docc --additional-symbol-graph-dir <the symbol graphs>
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output=${1:-$root/.build/docs}
cd "$root"

graphs=$(swift package dump-symbol-graph | sed -n 's/^Files written to //p')
if [[ -z $graphs || ! -d $graphs ]]; then
    echo "swift package dump-symbol-graph wrote no symbol graphs" >&2
    exit 1
fi

mkdir -p "$output"
status=0
for module in DeeployPayload StrictJSON Magic DeeployGatewayKit DeeployHummingbird DeeployVapor DeeployClient DeeployEmulator; do
    # One module's graphs only (its own and its extensions of other modules' types).
    module_graphs=$(mktemp -d)
    cp "$graphs/$module.symbols.json" "$module_graphs/"
    cp "$graphs/$module"@*.symbols.json "$module_graphs/" 2>/dev/null || true
    if docc convert "Sources/$module/$module.docc" \
        --additional-symbol-graph-dir "$module_graphs" \
        --fallback-bundle-identifier "ml.deeploy.payload.$module" \
        --output-path "$output/$module.doccarchive" \
        --warnings-as-errors >"$output/$module.log" 2>&1; then
        echo "$module: documentation built, no warnings ($output/$module.doccarchive)"
    else
        echo "$module: DocC reported problems:" >&2
        cat "$output/$module.log" >&2
        status=1
    fi
    rm -rf "$module_graphs"
done
exit $status
