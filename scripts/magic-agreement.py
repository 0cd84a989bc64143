#!/usr/bin/env python3
"""How often `deeploy-payload inspect` names a file as `file --mime-type -b` does.

Runs `deeploy-payload inspect --recursive --format jsonl` over folders (by default /usr/share
and /usr/lib), runs `file --mime-type -b` over every regular file under them, and compares the
`sniffed` key with file(1)'s answer for each regular file (symbolic links are left out; a file
the walk reached through a linked folder is matched by its real path).

Each difference is classified:
  - a documented refinement of the sniffer (README, "How the sniffer decides"), checked on the
    file's bytes, not assumed from the two types:
      x-empty       file(1) says inode/x-empty (from stat), the sniffer application/x-empty;
      case          the same type in another case: MediaType lowercases type and subtype
                    (media types are case-insensitive), file(1) keeps libmagic's spelling;
      json          strict JSON or NDJSON where libmagic said text or JSON of another kind, or
                    libmagic's looser JSON that the strict parser rejects (sniffed text/plain);
      binary-byte   libmagic said text, and the file holds a binary data byte (WHATWG: 00-08, 0B,
                    0E-1A, 1C-1F) and no UTF-16 byte-order mark: sniffed application/octet-stream;
  - anything else: a remaining difference, listed in full, grouped by (file(1), sniffed).

    scripts/magic-agreement.py [--binary PATH] [--out DIR] [--jobs N] [FOLDER...]

Writes to DIR (default .build/magic-agreement): inspect.jsonl, file-mime.tsv (file(1)'s answers,
reused by a later run over the same list of files: they do not depend on this package), and
differences.txt. Prints the inspect wall time, the agreement and every remaining difference.
Build the binary first: swift build -c release --product deeploy-payload.
"""

import argparse
import base64
import collections
import json
import os
import stat
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def regular_files(folders):
    """Every regular file under `folders`, as real-path bytes, sorted."""
    found = set()
    for folder in folders:
        for directory, _, names in os.walk(os.fsencode(folder)):
            for name in names:
                path = os.path.join(directory, name)
                try:
                    if stat.S_ISREG(os.lstat(path).st_mode):
                        found.add(os.path.realpath(path))
                except OSError:
                    pass
    return sorted(found)


def run_file(paths, cache):
    """file(1)'s MIME type for every path, from the cache when it holds exactly these paths."""
    if os.path.exists(cache):
        with open(cache, "rb") as handle:
            answers = {}
            for line in handle:
                path, _, answer = line.rstrip(b"\n").partition(b"\t")
                answers[base64.b64decode(path)] = answer.decode()
        if set(answers) == set(paths):
            return answers
    answers = {}
    batch = 2000
    for start in range(0, len(paths), batch):
        chunk = paths[start:start + batch]
        # --print0 ends each name with NUL, so names with newlines still parse; -N: no padding.
        out = subprocess.run(
            ["file", "--mime-type", "-N", "--print0", "--"] + chunk, stdout=subprocess.PIPE, check=False
        ).stdout
        position = 0
        for path in chunk:
            end = out.index(b"\0", position)
            assert out[position:end] == path, (out[position:end], path)
            line_end = out.index(b"\n", end)
            answers[path] = out[end + 1:line_end].decode(errors="replace").removeprefix(": ").strip()
            position = line_end + 1
    with open(cache, "wb") as handle:
        for path in paths:
            handle.write(base64.b64encode(path) + b"\t" + answers[path].encode() + b"\n")
    return answers


def run_inspect(binary, folders, output, jobs):
    """Runs inspect over the folders, writing JSON lines to `output`; returns its wall time."""
    command = [binary, "inspect", "--recursive", "--format", "jsonl"]
    if jobs:
        command += ["--jobs", str(jobs)]
    start = time.monotonic()
    with open(output, "wb") as handle:
        status = subprocess.run(command + list(folders), stdout=handle, stderr=subprocess.DEVNULL).returncode
    elapsed = time.monotonic() - start
    if status not in (0, 1):
        sys.exit(f"inspect exited {status}")
    return elapsed


def sniffed_types(output):
    """The sniffed type (or the error) of each inspected file, by real path."""
    by_path = {}
    exact = set()
    with open(output, "rb") as handle:
        for line in handle:
            record = json.loads(line)
            path = base64.b64decode(record["pathBytes"]) if "pathBytes" in record else os.fsencode(record["path"])
            real = os.path.realpath(path)
            answer = record.get("sniffed") or ("error: " + record.get("error", "?"))
            if real not in by_path or path == real and real not in exact:
                by_path[real] = answer
                if path == real:
                    exact.add(real)
    return by_path


BINARY_DATA = set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20))
LIBMAGIC_TEXT = ("text/", "application/json", "application/x-ndjson")


def strict_json(data):
    """Whether `data` is one JSON text by RFC 8259 (no NaN or Infinity), a UTF-8 BOM allowed."""
    def refuse(name):
        raise ValueError(name)
    try:
        json.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), parse_constant=refuse)
        return True
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False


def ndjson(data):
    """Two or more lines, every non-blank one a JSON text."""
    lines = [line for line in data.split(b"\n") if line.strip(b" \t\r")]
    return len(lines) >= 2 and all(strict_json(line) for line in lines)


def refinement(path, oracle, sniffed):
    """The documented refinement that explains a difference, checked on the bytes, or None."""
    if oracle == "inode/x-empty" and sniffed == "application/x-empty":
        return "x-empty"
    if oracle.lower() == sniffed:
        return "case"
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if sniffed == "application/json" and strict_json(data):
        return "json"
    if sniffed == "application/x-ndjson" and not strict_json(data) and ndjson(data):
        return "json"
    if sniffed == "text/plain" and oracle in ("application/json", "application/x-ndjson") and not strict_json(data):
        return "json"
    if sniffed == "application/octet-stream" and oracle.startswith(LIBMAGIC_TEXT):
        if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and any(byte in BINARY_DATA for byte in data):
            return "binary-byte"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/deeploy-payload"))
    parser.add_argument("--out", default=os.path.join(ROOT, ".build/magic-agreement"))
    parser.add_argument("--jobs", type=int)
    parser.add_argument("folders", nargs="*", default=["/usr/share", "/usr/lib"])
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)

    paths = regular_files(arguments.folders)
    print(f"{len(paths)} regular files under {' '.join(arguments.folders)}")
    oracle = run_file(paths, os.path.join(arguments.out, "file-mime.tsv"))
    inspect_output = os.path.join(arguments.out, "inspect.jsonl")
    elapsed = run_inspect(arguments.binary, arguments.folders, inspect_output, arguments.jobs)
    print(f"inspect wall time: {elapsed:.1f} s")
    sniffed = sniffed_types(inspect_output)

    agree = 0
    refinements = collections.Counter()
    remaining = collections.defaultdict(list)
    for path in paths:
        expected = oracle[path]
        got = sniffed.get(path, "missing from inspect")
        if got == expected:
            agree += 1
            continue
        kind = refinement(path, expected, got)
        if kind:
            refinements[kind] += 1
        else:
            remaining[(expected, got)].append(path)

    total = len(paths)
    explained = sum(refinements.values())
    left = total - agree - explained
    print(f"same type: {agree} of {total} ({100 * agree / total:.3f}%)")
    print(f"documented refinements: {explained} ({', '.join(f'{k} {v}' for k, v in sorted(refinements.items()))})")
    print(f"agreement (same type or a documented refinement): {agree + explained} of {total} "
          f"({100 * (agree + explained) / total:.3f}%)")
    print(f"remaining differences: {left} ({100 * left / total:.3f}%)")
    report = []
    for (expected, got), group in sorted(remaining.items(), key=lambda item: (-len(item[1]), item[0])):
        report.append(f"{len(group):6d}  file(1) {expected}  sniffed {got}")
        report.extend(f"          {os.fsdecode(path)}" for path in group)
    with open(os.path.join(arguments.out, "differences.txt"), "w") as handle:
        handle.write("\n".join(report) + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
