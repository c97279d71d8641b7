#!/usr/bin/env bash
# ./frontier setup notebooks — installs everything the notebooks need, from PyPI and Maven Central only:
#   1. Jupyter (JupyterLab, nbclient, nbformat; pinned) into notebooks/.venv
#   2. the Java kernel io.github.padreati:rapaio-jupyter-kernel:3.0.1 (checksum-verified) and its start-up fix
#   3. framework/notebook/target/frontier-notebook.jar (all of Frontier + DJL natives, one file)
#   4. a kernelspec named "java" (jupyter kernelspec install --user) with that jar on the kernel's classpath
# Safe to run again: finished steps are skipped. Options: --no-lab (nbclient only, for CI).
# Environment: FRONTIER_NB_CELL_TIMEOUT_MS (kernel-side cell time-out, default 1800000 = 30 min).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NB="$ROOT/notebooks"
VENV="$NB/.venv"
SPEC="$NB/.kernel/java"
JAR="$ROOT/framework/notebook/target/frontier-notebook.jar"

RJK_VERSION=3.0.1
RJK_SHA256=cffac185dafff9a4d62ffdbeb357822b56931c41421c576314a84d3605addd09
PINS=(nbclient==0.11.0 nbformat==5.11.1 jupyter_client==8.10.0)
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

# 1. Jupyter, pinned, in a virtual environment under the repository (nothing installed system-wide).
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
  say "Jupyter already installed (${pins[*]})"
fi

# 2. The kernel jar from Maven Central, checked against its pinned SHA-256, and the start-up fix.
mkdir -p "$SPEC"
rjk="$SPEC/rapaio-jupyter-kernel-$RJK_VERSION.jar"
if [[ ! -f "$rjk" ]] || [[ "$(sha256sum "$rjk" | cut -d' ' -f1)" != "$RJK_SHA256" ]]; then
  say "fetching io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION from Maven Central"
  (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$RJK_VERSION" \
    -DoutputDirectory="$SPEC")
  actual="$(sha256sum "$rjk" | cut -d' ' -f1)"
  if [[ "$actual" != "$RJK_SHA256" ]]; then
    echo "setup notebooks: $rjk has SHA-256 $actual, expected $RJK_SHA256; not installing it" >&2
    exit 1
  fi
fi
# rapaio 3.0.1 starts a channel thread before setting its running flag; about one start in five the
# shell channel's thread exits at once and the kernel never answers. The fixed class goes first on the
# kernel JVM's class path (see framework/notebook/src/kernel-fix).
fix_src="$ROOT/framework/notebook/src/kernel-fix/java"
fix_jar="$SPEC/rjk-loopthread-fix.jar"
if [[ ! -f "$fix_jar" ]] || [[ -n "$(find "$fix_src" -name '*.java' -newer "$fix_jar" -print -quit)" ]]; then
  say "compiling the kernel start-up fix"
  tmp="$(mktemp -d)"
  "$JAVAC_BIN" --release 17 -nowarn -d "$tmp" $(find "$fix_src" -name '*.java')
  (cd "$tmp" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" cf "$fix_jar" .)
  rm -rf "$tmp"
fi

# 3. The notebook jar (rebuilt when framework sources changed since it was built).
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/framework" \( -name '*.java' -o -name 'pom.xml' \) \
    -not -path '*/kernel-fix/*' -not -path '*/src/test/*' -newer "$JAR" -print -quit 2>/dev/null)" ]]; then
  say "building $JAR (a minute or two the first time)"
  (cd "$ROOT" && ./mvnw -q -B -pl framework/notebook -am package -DskipTests)
else
  say "notebook jar up to date"
fi

# 4. The kernelspec. Paths are absolute: the kernel reads the repository's datasets/ and the jar in place.
timeout_ms="${FRONTIER_NB_CELL_TIMEOUT_MS:-1800000}"
"$VENV/bin/python" - "$SPEC/kernel.json" "$ROOT" "$JAR" "$timeout_ms" "$JAVA_BIN" "$RJK_VERSION" <<'PY'
import json, sys
path, root, jar, timeout_ms, java, version = sys.argv[1:]
spec = {
    "argv": [java,
             "-cp", "{resource_dir}/rjk-loopthread-fix.jar:{resource_dir}/rapaio-jupyter-kernel-%s.jar" % version,
             "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dfrontier.repo=" + root,
             "-XX:MaxRAMPercentage=60",
             "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
    "display_name": "Java (Frontier, rapaio %s)" % version,
    "language": "java",
    "interrupt_mode": "message",
    "env": {
        "RJK_CLASSPATH": jar,
        "RJK_TIMEOUT_MILLIS": timeout_ms,
        "RJK_COMPILER_OPTIONS": "",
        "RJK_INIT_SCRIPT": "",
        "RJK_MIMA_CACHE": root + "/notebooks/.kernel/mima_cache",
        "FRONTIER_REPO": root,
    },
    "metadata": {"frontier": {"jar": jar}},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
"$VENV/bin/jupyter" kernelspec install --user --name java "$SPEC" >/dev/null 2>&1 || \
  "$VENV/bin/jupyter" kernelspec install --user --name java "$SPEC"
say "kernel 'java' registered ($("$VENV/bin/jupyter" kernelspec list | awk '$1=="java"{print $2}'))"
if [[ $with_lab == 1 ]]; then
  say "open the notebooks with: notebooks/.venv/bin/jupyter lab notebooks/"
fi
say "run them headless with:  notebooks/.venv/bin/python notebooks/run_notebooks.py"
