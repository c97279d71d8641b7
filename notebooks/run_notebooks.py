#!/usr/bin/env python3
"""Executes Frontier's notebooks headless on the Java kernel (JJava) and checks their outputs.

Usage (after ./frontier setup notebooks):
    notebooks/.venv/bin/python notebooks/run_notebooks.py [NOTEBOOK.ipynb ...] [options]

Every notebook (default: notebooks/[0-9]*.ipynb) runs in a fresh kernel; a cell error, a cell over the
time-out or a kernel that does not start fails the run (exit 1). Cells are never retried. Executed
copies go to notebooks/.executed/ (git-ignored); --in-place writes the outputs into the notebooks
themselves (only for a deliberate refresh of committed outputs).

Parameters reach the notebooks through the environment, the one documented way: FRONTIER_NB_LIMIT
(training examples), FRONTIER_NB_EPOCHS, FRONTIER_NB_SEEDS, ... are read in each notebook's first
code cell with NotebookParams. --small sets the CI sizes for any that are not already set.

Cells tagged expect-png / expect-html / expect-markdown must produce at least one output of that
MIME type (image/png, text/html, text/markdown) with real content: an image/png output must be a PNG
image and a cell tagged expect-html must show an HTML <table>. A cell without it fails the run.

Plain Jupyter runs the same notebooks too (no output checks there), e.g.
    FRONTIER_NB_LIMIT=3000 FRONTIER_NB_EPOCHS=1 FRONTIER_NB_SEEDS=2 FRONTIER_NB_BENCH=quick \
        notebooks/.venv/bin/jupyter execute notebooks/01-quickstart.ipynb

--probe-starts N starts the kernel N times (one trivial cell each) and reports how many starts hung.
"""
import argparse
import base64
import binascii
import glob
import os
import subprocess
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = {"expect-png": "image/png", "expect-html": "text/html", "expect-markdown": "text/markdown"}
# CI sizes: small enough for ~8 minutes on 2 cores for all notebooks together.
SMALL = {"FRONTIER_NB_LIMIT": "3000", "FRONTIER_NB_EPOCHS": "1", "FRONTIER_NB_SEEDS": "2", "FRONTIER_NB_BENCH": "quick"}


def log(msg):
    print("run_notebooks: " + msg, flush=True)


def _text(value):
    return "".join(value) if isinstance(value, list) else value


def _is_png(value):
    try:
        return base64.b64decode(_text(value), validate=False)[:8] == b"\x89PNG\r\n\x1a\n"
    except (binascii.Error, ValueError):
        return False


# What an output of each MIME type must hold to count: a PNG image, an HTML table, any markdown text.
CONTENT = {
    "image/png": _is_png,
    "text/html": lambda v: "<table" in _text(v),
    "text/markdown": lambda v: bool(_text(v).strip()),
}


def missing_outputs(nb):
    """Returns (cell index, expected MIME type) for each tagged cell that lacks that output."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        found = set()
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime in CONTENT and CONTENT[mime](value):
                    found.add(mime)
        for tag in cell.get("metadata", {}).get("tags", []):
            if tag in EXPECT and EXPECT[tag] not in found:
                problems.append((i, EXPECT[tag]))
    return problems


def rich_counts(nb):
    """Counts the outputs carrying an HTML table and a PNG image across the notebook."""
    html = png = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            html += 1 if "text/html" in data and CONTENT["text/html"](data["text/html"]) else 0
            png += 1 if "image/png" in data and CONTENT["image/png"](data["image/png"]) else 0
    return html, png


def execute(path, args):
    """Runs one notebook; returns (ok, seconds, message)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout,
                            startup_timeout=args.startup_timeout, allow_errors=False, coalesce_streams=True,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    os.makedirs(args.output_dir, exist_ok=True)
    kernel_log = os.path.join(args.output_dir, os.path.basename(path) + ".kernel.log")
    t0 = time.time()
    try:
        with open(kernel_log, "w") as kernel_output:
            client.execute(stdout=kernel_output, stderr=kernel_output)
    except CellTimeoutError as e:
        return False, time.time() - t0, "a cell exceeded %d s: %s" % (args.timeout, str(e).splitlines()[0])
    except CellExecutionError as e:
        return False, time.time() - t0, "cell error:\n" + str(e)[-3000:]
    except DeadKernelError as e:
        return False, time.time() - t0, "the kernel died: %s (its log: %s)" % (e, kernel_log)
    except RuntimeError as e:
        if "didn't respond" in str(e):
            return False, time.time() - t0, ("the kernel did not answer within %d s of starting "
                                             "(rerun ./frontier setup notebooks; see --probe-starts)" % args.startup_timeout)
        raise
    finally:
        out = path if args.in_place else os.path.join(args.output_dir, os.path.basename(path))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        nbformat.write(nb, out)
    seconds = time.time() - t0
    problems = missing_outputs(nb)
    if problems:
        return False, seconds, "; ".join("cell %d has no %s output" % p for p in problems)
    html, png = rich_counts(nb)
    return True, seconds, "%d HTML table(s), %d PNG image(s)" % (html, png)


def probe(args):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("System.out.println(6 * 7);"))
    hung = 0
    for i in range(args.probe_starts):
        client = NotebookClient(nbformat.from_dict(nb), kernel_name=args.kernel, timeout=30,
                                startup_timeout=args.startup_timeout)
        t0 = time.time()
        try:
            client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            answer = client.nb.cells[0].outputs[0].get("text", "").strip()
            result = "ok" if answer == "42" else "wrong output %r" % answer
        except RuntimeError as e:
            hung += 1
            result = "HUNG (%s)" % str(e).splitlines()[0]
        log("start %2d: %s in %.1f s" % (i + 1, result, time.time() - t0))
    log("kernel '%s': %d of %d starts hung (start-up time-out %d s)"
        % (args.kernel, hung, args.probe_starts, args.startup_timeout))
    return 1 if hung else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/[0-9]*.ipynb)")
    p.add_argument("--kernel", default="java", help="kernelspec name (default: java)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default: 600)")
    p.add_argument("--startup-timeout", type=int, default=60, help="seconds for the kernel to answer (default: 60)")
    p.add_argument("--small", action="store_true", help="CI sizes: " + ", ".join("%s=%s" % kv for kv in SMALL.items()))
    p.add_argument("--output-dir", default=os.path.join(HERE, ".executed"), help="where executed copies go")
    p.add_argument("--in-place", action="store_true", help="write outputs into the notebooks themselves")
    p.add_argument("--probe-starts", type=int, metavar="N", help="only measure: start the kernel N times")
    args = p.parse_args()

    if args.probe_starts:
        return probe(args)
    if args.small:
        for k, v in SMALL.items():
            os.environ.setdefault(k, v)
    params = {k: v for k, v in sorted(os.environ.items()) if k.startswith("FRONTIER_NB_")}
    log("parameters: " + (", ".join("%s=%s" % kv for kv in params.items()) or "none (interactive defaults)"))
    paths = args.notebooks or sorted(glob.glob(os.path.join(HERE, "[0-9]*.ipynb")))
    if not paths:
        log("no notebooks found")
        return 1
    passed, failed, total = 0, 0, time.time()
    for path in paths:
        log("%s ..." % os.path.basename(path))
        ok, seconds, message = execute(path, args)
        log("%s: %s in %.0f s%s" % (os.path.basename(path), "ok" if ok else "FAILED", seconds,
                                    " (%s)" % message if ok else ""))
        if ok:
            passed += 1
        else:
            failed += 1
            print(message, file=sys.stderr, flush=True)
    log("all notebooks in %.0f s" % (time.time() - total))
    print("notebooks: %d passed, %d failed" % (passed, failed), flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
