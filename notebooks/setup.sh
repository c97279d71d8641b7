#!/usr/bin/env bash
# ./frontier setup notebooks — installs everything the notebooks need, from PyPI and Maven Central only:
#   1. Jupyter (JupyterLab, nbclient, nbformat; pinned) and the JJava kernel (jjava, pinned) into notebooks/.venv;
#      JJava's kernelspec "java" lives in that environment, which its jupyter prefers over user-wide kernels
#   2. Frontier itself into the local Maven repository (./mvnw install of framework/notebook and the modules it
#      needs), so a notebook loads it with `%maven dev.frontier:frontier-notebook:<version>` (no network then)
#   3. the kernel's JVM options (headless, DJL offline, the repository's path) and cell time-out
# Safe to run again: finished steps are skipped. Options: --no-lab (nbclient only, for CI).
# Environment: FRONTIER_NB_CELL_TIMEOUT_MS (kernel-side cell time-out, default 1800000 = 30 min).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NB="$ROOT/notebooks"
VENV="$NB/.venv"
STATE="$NB/.kernel"

JJAVA_PIN=jjava==1.0a8
PINS=(nbclient==0.11.0 nbformat==5.11.1 jupyter_client==8.10.0 "$JJAVA_PIN")
LAB_PINS=(jupyterlab==4.6.6)

with_lab=1
for arg in "$@"; do
  case "$arg" in
    --no-lab) with_lab=0 ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup notebooks: unknown option '$arg' (known: --no-lab, --help)" >&2; exit 2 ;;
  esac
done

say() { echo "setup notebooks: $*"; }
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
command -v "$JAVAC_BIN" >/dev/null || { echo "setup notebooks: a JDK 17+ (javac) is needed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "setup notebooks: python3 (3.9+) is needed" >&2; exit 1; }

# 1. Jupyter and JJava, pinned, in a virtual environment under the repository (nothing installed system-wide).
pins=("${PINS[@]}")
if [[ $with_lab == 1 ]]; then pins+=("${LAB_PINS[@]}"); fi
stamp="$VENV/.frontier-pins"
if [[ ! -x "$VENV/bin/python" ]]; then
  say "creating $VENV"
  python3 -m venv "$VENV"
fi
if [[ ! -f "$stamp" ]] || ! grep -qxF "${pins[*]}" "$stamp"; then
  say "installing ${pins[*]} from PyPI"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${pins[@]}"
  echo "${pins[*]}" > "$stamp"
else
  say "Jupyter and JJava already installed (${pins[*]})"
fi
SPEC="$VENV/share/jupyter/kernels/java"
for f in jjava.jar jjava-launcher.jar; do
  [[ -f "$SPEC/$f" ]] || { echo "setup notebooks: $SPEC/$f missing after 'pip install $JJAVA_PIN'" >&2; exit 1; }
done

# 2. Frontier into ~/.m2 (again when framework sources changed since the last install).
VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
ARTIFACT="dev.frontier:frontier-notebook:$VERSION"
M2="$HOME/.m2/repository" # where ./mvnw install puts it and where JJava's %maven looks first
installed="$M2/dev/frontier/frontier-notebook/$VERSION/frontier-notebook-$VERSION.jar"
mkdir -p "$STATE"
rm -rf "$STATE/java" # the rapaio kernel and its start-up fix of earlier setups (this checkout's own files)
istamp="$STATE/installed-$VERSION"
# (also when the jar there is newer than this checkout's last install: another checkout installed its own)
if [[ ! -f "$installed" ]] || [[ ! -f "$istamp" ]] || [[ "$installed" -nt "$istamp" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/framework" \
    \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -not -path '*/src/test/*' \
    -not -path '*/target/*' -newer "$istamp" -print -quit 2>/dev/null)" ]]; then
  say "installing $ARTIFACT and the modules it needs into $M2 (a minute or two the first time)"
  (cd "$ROOT" && ./mvnw -q -B -pl framework/notebook -am install -DskipTests)
  touch "$istamp"
else
  say "$ARTIFACT already in $M2"
fi

# 3. The kernelspec: JJava's own, with the JVM options and environment Frontier's notebooks need. Paths are
#    absolute: the kernel reads the repository's datasets/ in place.
timeout_ms="${FRONTIER_NB_CELL_TIMEOUT_MS:-1800000}"
"$VENV/bin/python" - "$SPEC/kernel.json" "$ROOT" "$timeout_ms" "$JAVA_BIN" "$JJAVA_PIN" "$ARTIFACT" <<'PY'
import json, sys
path, root, timeout_ms, java, pin, artifact = sys.argv[1:]
spec = {
    "argv": [java, "-jar", "{resource_dir}/jjava-launcher.jar", "{resource_dir}/jjava.jar", "{connection_file}"],
    "display_name": "Java (Frontier, JJava %s)" % pin.split("==")[1],
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "JJAVA_JVM_OPTS": "-Djava.awt.headless=true -Dai.djl.offline=true -Dfrontier.repo=%s -XX:MaxRAMPercentage=60"
                          % root,
        "JJAVA_TIMEOUT": timeout_ms,
        "FRONTIER_REPO": root,
    },
    "metadata": {"frontier": {"artifact": artifact}},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
found="$("$VENV/bin/jupyter" kernelspec list | awk '$1=="java"{print $2}')"
if [[ "$found" != "$SPEC" ]]; then
  echo "setup notebooks: the notebooks' jupyter finds kernel 'java' at $found, not $SPEC" >&2
  exit 1
fi
say "kernel 'java' (JJava) at $SPEC; notebooks load Frontier with: %maven $ARTIFACT"
if [[ $with_lab == 1 ]]; then
  say "open the notebooks with: notebooks/.venv/bin/jupyter lab notebooks/"
fi
say "run them headless with:  notebooks/.venv/bin/python notebooks/run_notebooks.py"
say "                    or:  notebooks/.venv/bin/jupyter execute notebooks/01-quickstart.ipynb"
