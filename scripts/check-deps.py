#!/usr/bin/env python3
"""Every program the project starts must come from a package scripts/setup-debian.sh installs.

Finds the external programs that the code, the test kit, the tests, the lab, the scripts,
the benchmarks and cron start, maps each to its Debian package with `dpkg -S`, and fails,
naming program and package, when the set-up does not install that package. Run after the
set-up (it reads what dpkg knows), before the tests: `.ci/run` does.

Where programs are looked for, so that prose (comments, messages) never counts:
- Swift: string literals only (comments are skipped by a small lexer): an absolute path in
  a bin/sbin directory ("/usr/sbin/named", "/usr/lib/postgresql/15/bin/initdb"); the name given to `locate("rndc")`; and after
  "/usr/bin/env" or "/bin/sh" in an argument array, the program env runs or the commands of
  the `-c` script.
- Shell: the command words of the syntax tree that `shfmt --to-json` parses (heredoc bodies
  that are data stay data); `bash -c`, `trap`, `eval` strings and `python3 -c` code are
  followed, and so are wrappers like `env`, `timeout`, `setsid`, `xargs`, `ip netns exec`.
- Python: the syntax tree (`ast`): subprocess/os calls with a literal program.
- cron: crontab lines (the command after the schedule) and systemd `Exec*=` lines.

A package counts as installed by the set-up when it is in the set-up's `packages=( ... )`
list or apt installs it with one of them (Depends, Pre-Depends, as installed here).
Skipped, and only these: packages that are Essential or of Priority required (every Debian
system has them); shell builtins and keywords, and functions defined in the same script;
programs named by a relative path or a variable (the project's own scripts and binaries);
and NOT_DEBIAN below.

Usage: python3 scripts/check-deps.py [--setup FILE] [--root DIR] [--list]
Exit 0 all covered, 1 a program is not covered, 2 the check itself could not run.
"""

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import time
from collections import namedtuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCAN_DIRS = ["Sources", "Tests", "FuzzTesting", "lab", "scripts", "bench", "cron", ".ci"]
# Build output, generated lab state and data: nothing in them is the project's code.
SKIP_DIRS = {".build", ".run", ".git", "Corpus", "crashers", "Fixtures", "zones"}
BIN_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
# A package's private program directory, such as PostgreSQL's /usr/lib/postgresql/15/bin.
PRIVATE_BIN = re.compile(r"^/usr/lib/[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*/s?bin/[A-Za-z0-9._+-]+$")

# Programs that are not Debian packages on purpose.
NOT_DEBIAN = {
    "swift": "the Swift 6 toolchain, installed outside apt; scripts/setup-debian.sh checks it is on PATH",
    "swiftc": "the Swift 6 toolchain (as swift)",
    "dnsward": "built by this project",
    "dnsward-run": "this project's cron wrapper (cron/dnsward-run), installed by hand",
    "QueryRate": "built by this project (bench/QueryRate)",
    "FuzzMessage": "built by this project (FuzzTesting)",
}

# Command words whose arguments hold the command that really runs: the options (and
# option arguments) to skip before it.
WRAPPERS = {
    "env": {"-C", "--chdir", "-u", "--unset", "-S", "--split-string"},
    "sudo": {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"},
    "timeout": {"-s", "--signal", "-k", "--kill-after"},
    "nohup": set(), "setsid": set(), "nice": {"-n"}, "ionice": {"-c", "-n", "-p"},
    "stdbuf": {"-i", "-o", "-e"}, "xargs": {"-a", "-d", "-E", "-I", "-L", "-n", "-P", "-s"},
    "exec": {"-a"}, "command": set(), "builtin": set(), "time": {"-f", "--format", "-o", "--output"},
    "chrt": set(), "taskset": set(), "unshare": set(),
}
SHELLS = {"sh", "bash", "dash"}
PYTHONS = re.compile(r"^python3(\.\d+)?$")

Use = namedtuple("Use", "program file line")


def fail(message):
    print(f"check-deps: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- finding the uses

class Scan:
    def __init__(self):
        self.uses = []
        self.builtins = set(subprocess.run(["bash", "-c", "compgen -b; compgen -k"], capture_output=True,
                                           text=True, check=True).stdout.split())

    def add(self, program, file, line):
        self.uses.append(Use(program, file, line))

    def words(self, words, file, line, functions=frozenset(), heredoc=None):
        """One command's words (None where a word is not a plain literal): records the program
        and follows wrappers, `sh -c` scripts and `python3 -c` code."""
        index = 0
        while index < len(words):
            word = words[index]
            if word is None or word == "":
                return
            name = os.path.basename(word)
            if word in ("trap", "eval") and index + 1 < len(words) and words[index + 1]:
                self.shell(words[index + 1], file, line, functions)
                return
            if word == "command" and any(w in ("-v", "-V") for w in words[index + 1:index + 2]):
                return  # a lookup, not a run
            if word in functions:
                return
            if word in self.builtins and word not in WRAPPERS:
                return
            if "/" in word and not word.startswith("/"):
                return  # the project's own script or binary, relative to the repository
            if word not in self.builtins:
                self.add(word, file, line)
            rest = words[index + 1:]
            if name == "ip" and rest[:2] == ["netns", "exec"]:
                index += 4  # ip netns exec NAME COMMAND
                continue
            if name in WRAPPERS:
                index += 1
                takes_argument = WRAPPERS[name]
                while index < len(words) and words[index] is not None and (
                        words[index].startswith("-") or (name == "env" and "=" in words[index])):
                    index += 2 if words[index] in takes_argument else 1
                if name == "timeout":
                    index += 1  # the duration
                continue
            if name in SHELLS:
                if "-c" in rest:
                    position = rest.index("-c") + 1
                    if position < len(rest) and rest[position]:
                        self.shell(rest[position], file, line, functions)
                elif heredoc is not None:
                    self.shell(heredoc, file, line, functions)
                return
            if PYTHONS.match(name):
                if "-c" in rest:
                    position = rest.index("-c") + 1
                    if position < len(rest) and rest[position]:
                        self.python(rest[position], file, line)
                elif heredoc is not None and "-" in rest:
                    self.python(heredoc, file, line - 1)
                return
            return

    # ---- shell, through shfmt's syntax tree

    def shell(self, text, file, line_offset=1, outer_functions=frozenset(), dialect="bash"):
        # A script's own shebang or name picks its dialect; command strings are bash.
        parsed = subprocess.run(["shfmt", "-ln", dialect, "--filename", file, "--to-json"], input=text,
                                capture_output=True, text=True)
        if parsed.returncode != 0:
            fail(f"{file}:{line_offset}: shfmt cannot parse the script: {parsed.stderr.strip()}")
        tree = json.loads(parsed.stdout)
        functions = set(outer_functions)
        self._functions(tree, functions)
        self._walk(tree, file, line_offset - 1, frozenset(functions), None)

    def _functions(self, node, found):
        if isinstance(node, dict):
            if node.get("Type") == "FuncDecl":
                found.add(node["Name"]["Value"])
            for value in node.values():
                self._functions(value, found)
        elif isinstance(node, list):
            for value in node:
                self._functions(value, found)

    def _walk(self, node, file, offset, functions, redirects):
        if isinstance(node, list):
            for value in node:
                self._walk(value, file, offset, functions, None)
            return
        if not isinstance(node, dict):
            return
        if "Cmd" in node and isinstance(node.get("Cmd"), dict):
            self._walk(node["Cmd"], file, offset, functions, node.get("Redirs") or [])
            for key, value in node.items():
                if key != "Cmd":
                    self._walk(value, file, offset, functions, None)
            return
        if node.get("Type") == "CallExpr" and node.get("Args"):
            args = node["Args"]
            heredoc = None
            for redirect in redirects or []:
                if redirect.get("Hdoc"):
                    heredoc = literal(redirect["Hdoc"])
            line = args[0]["Pos"]["Line"] + offset
            self.words([literal(word) for word in args], file, line, functions, heredoc)
        for value in node.values():
            self._walk(value, file, offset, functions, None)

    # ---- Python, through ast

    def python(self, code, file, line_offset=1):
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            fail(f"{file}:{line_offset}: not Python: {error}")
        from_subprocess = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                           and node.module == "subprocess" for alias in node.names}
        runners = {"subprocess.run", "subprocess.Popen", "subprocess.call", "subprocess.check_call",
                   "subprocess.check_output", "os.execv", "os.execvp", "os.execvpe", "os.spawnvp"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = dotted(node.func)
            line = node.lineno + line_offset - 1
            first = node.args[0]
            if name in runners or name in from_subprocess:
                if isinstance(first, (ast.List, ast.Tuple)):
                    words = [element.value if isinstance(element, ast.Constant) and isinstance(element.value, str)
                             else None for element in first.elts]
                    self.words(words, file, line)
                elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                    shell = any(k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value
                                for k in node.keywords)
                    if shell:
                        self.shell(first.value, file, line)
                    else:
                        self.words([first.value], file, line)
            elif name in ("os.system", "os.popen") and isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.shell(first.value, file, line)
            elif name == "shutil.which" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.words([first.value], file, line)

    # ---- Swift, through its string literals

    def swift(self, text, file):
        tokens = swift_tokens(text)
        for index, (kind, value, line) in enumerate(tokens):
            if kind != "str" or value is None:
                continue
            is_path = (value.startswith(tuple(d + "/" for d in BIN_DIRS)) and " " not in value) or PRIVATE_BIN.match(value)
            located = index >= 2 and tokens[index - 1][1] == "(" and tokens[index - 2][1] == "locate"
            if not (is_path or located):
                continue
            self.words([value] + swift_array_after(tokens, index), file, line)

    # ---- cron

    def cron(self, text, file):
        for number, raw in enumerate(text.splitlines(), 1):
            entry = raw.strip()
            if not entry or entry.startswith("#"):
                continue
            match = re.match(r"^Exec[A-Za-z]*=[-@:+!]*(.*)$", entry)
            if match:
                self.shell(match.group(1), file, number)
                continue
            if re.match(r"^[A-Za-z_][A-Za-z0-9_]*\s*=", entry) or entry.startswith("["):
                continue  # a crontab variable, or a systemd section
            fields = entry.split(None, 1 if entry.startswith("@") else 5)
            if len(fields) == (2 if entry.startswith("@") else 6):
                self.shell(fields[-1], file, number)


def literal(word):
    """A shfmt word as text, or None when it expands anything at run time."""
    text = ""
    for part in word.get("Parts", []):
        kind = part.get("Type")
        if kind == "Lit":
            text += re.sub(r"\\(.)", r"\1", part["Value"])
        elif kind == "SglQuoted":
            text += part["Value"]
        elif kind == "DblQuoted":
            inner = literal(part)
            if inner is None:
                return None
            text += inner
        else:
            return None
    return text


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def swift_tokens(text):
    """(kind, value, line) for Swift source: "str" literals (value None when interpolated),
    "id" identifiers, "sym" punctuation; comments dropped."""
    tokens = []
    length = len(text)
    line = 1
    index = 0

    def string_end(start, hashes, triple):
        """Scans a string body from `start`; returns (value or None, index after the closing quote)."""
        nonlocal line
        closing = ('"""' if triple else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        value = []
        interpolated = False
        position = start
        while position < length:
            if text.startswith(closing, position):
                return (None if interpolated else "".join(value)), position + len(closing)
            if text.startswith(escape, position):
                position += len(escape)
                if position >= length:
                    break
                char = text[position]
                if char == "(":
                    interpolated = True
                    position = skip_parens(position + 1)
                    continue
                value.append({"n": "\n", "t": "\t", "0": "\0", "r": "\r"}.get(char, char))
                if char == "\n":
                    line += 1
                position += 1
                continue
            if text[position] == "\n":
                line += 1
            value.append(text[position])
            position += 1
        return None, position

    def skip_parens(position):
        """Skips an interpolation's code up to its closing parenthesis."""
        depth = 1
        nonlocal line
        while position < length and depth:
            char = text[position]
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            elif char == "\n":
                line += 1
            elif char == '"':
                triple = text.startswith('"""', position)
                _, position = string_end(position + (3 if triple else 1), 0, triple)
                continue
            position += 1
        return position

    while index < length:
        char = text[index]
        if char == "\n":
            line += 1
            index += 1
        elif char.isspace():
            index += 1
        elif text.startswith("//", index):
            end = text.find("\n", index)
            index = length if end < 0 else end
        elif text.startswith("/*", index):
            depth = 0
            while index < length:
                if text.startswith("/*", index):
                    depth += 1
                    index += 2
                elif text.startswith("*/", index):
                    depth -= 1
                    index += 2
                    if depth == 0:
                        break
                else:
                    if text[index] == "\n":
                        line += 1
                    index += 1
        elif char == '"' or (char == "#" and re.match(r'#+"', text[index:index + 12])):
            hashes = 0
            while text[index + hashes] == "#":
                hashes += 1
            start_line = line
            triple = text.startswith('"""', index + hashes)
            value, index = string_end(index + hashes + (3 if triple else 1), hashes, triple)
            tokens.append(("str", value, start_line))
        elif char.isalpha() or char == "_":
            match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[index:])
            tokens.append(("id", match.group(0), line))
            index += len(match.group(0))
        else:
            tokens.append(("sym", char, line))
            index += 1
    return tokens


def swift_array_after(tokens, index):
    """The elements of an array literal passed right after tokens[index] (`"/bin/sh", ["-c", ...]`):
    each a string, or None when not a plain literal."""
    if index + 2 >= len(tokens) or tokens[index + 1][1] != "," or tokens[index + 2][1] != "[":
        return []
    elements, current, depth = [], [], 0
    for kind, value, _ in tokens[index + 3:]:
        if kind == "sym" and value in "([{":
            depth += 1
        elif kind == "sym" and value in ")]}":
            if depth == 0:
                break
            depth -= 1
        if kind == "sym" and value == "," and depth == 0:
            elements.append(current)
            current = []
            continue
        current.append((kind, value))
    if current:
        elements.append(current)
    return [element[0][1] if len(element) == 1 and element[0][0] == "str" else None for element in elements]


def project_files():
    for top in SCAN_DIRS:
        base = os.path.join(ROOT, top)
        for directory, subdirectories, files in os.walk(base):
            subdirectories[:] = sorted(d for d in subdirectories if d not in SKIP_DIRS and not d.startswith(".build"))
            for name in sorted(files):
                yield os.path.join(directory, name)


def kind_of(path):
    name = os.path.basename(path)
    if name.endswith(".swift"):
        return "swift"
    if name.endswith(".py"):
        return "python"
    if name.endswith((".sh", ".bash")):
        return "shell"
    relative = os.path.relpath(path, ROOT)
    if relative.startswith("cron" + os.sep) and (name.startswith("crontab") or name.endswith((".cron", ".service", ".timer"))):
        return "cron"
    try:
        with open(path, "rb") as handle:
            first = handle.readline(200)
    except OSError:
        return None
    if first.startswith(b"#!"):
        if re.search(rb"\b(ba|da)?sh\b", first):
            return "shell"
        if b"python" in first:
            return "python"
    return None


# ---------------------------------------------------------------- packages

def setup_packages(path):
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as error:
        fail(f"cannot read {path}: {error}")
    match = re.search(r"^\s*packages=\((.*?)\)", text, re.S | re.M)
    if not match:
        fail(f"{path} has no packages=( ... ) list")
    body = "\n".join(line.split("#", 1)[0] for line in match.group(1).splitlines())
    return set(body.split())


def installed_packages():
    """name -> (essential, priority, dependency groups, provides) of every installed package."""
    listing = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Package}\t${Status}\t${Essential}\t${Priority}\t${Depends}\t${Pre-Depends}\t${Provides}\n"],
        capture_output=True, text=True)
    facts, providers = {}, {}
    for row in listing.stdout.splitlines():
        fields = row.split("\t")
        if len(fields) != 7 or not fields[1].endswith(" installed"):
            continue
        name, _, essential, priority, depends, predepends, provides = fields
        groups = [[re.sub(r"[\s(].*$", "", alternative.strip()).split(":")[0] for alternative in group.split("|")]
                  for group in (depends + ("," if depends and predepends else "") + predepends).split(",") if group.strip()]
        facts[name] = (essential == "yes", priority, groups)
        for provided in provides.split(","):
            if provided.strip():
                providers.setdefault(re.sub(r"[\s(].*$", "", provided.strip()), []).append(name)
    return facts, providers


def closure(roots, facts, providers):
    """The packages apt installs for `roots`: them and their Depends/Pre-Depends."""
    seen, queue = set(), [root for root in roots if root in facts]
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        for group in facts[name][2]:
            for alternative in group:
                candidates = [alternative] if alternative in facts else providers.get(alternative, [])
                if candidates:
                    queue.extend(candidates)
                    break
    return seen


def owners(paths):
    """path -> owning packages, from one `dpkg -S` over every path."""
    if not paths:
        return {}
    output = subprocess.run(["dpkg", "-S"] + sorted(paths), capture_output=True, text=True).stdout
    found = {}
    for row in output.splitlines():
        if row.startswith("diversion "):
            continue
        match = re.match(r"^(.+?): (/.*)$", row)
        if match:
            found[match.group(2)] = [package.strip().split(":")[0] for package in match.group(1).split(",")]
    return found


def locate(program):
    if program.startswith("/"):
        return program if os.access(program, os.X_OK) else None
    # Debian's directories first: a PATH may put a private interpreter (pyenv, a
    # toolchain) ahead of the packaged one, and the packaged one is what a fresh machine has.
    directories = list(BIN_DIRS) + os.environ.get("PATH", "").split(":")
    for directory in directories:
        candidate = os.path.join(directory, program)
        if directory and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def spellings(path):
    """The names dpkg may know a file by: as given, resolved (symlinks, alternatives), and
    with or without /usr (merged /usr: /bin is /usr/bin)."""
    names = []
    for candidate in (path, os.path.realpath(path)):
        names.append(candidate)
        if candidate.startswith(("/usr/bin/", "/usr/sbin/")):
            names.append(candidate[4:])
        elif candidate.startswith(("/bin/", "/sbin/")):
            names.append("/usr" + candidate)
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------- main

def main():
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", default=os.path.join(ROOT, "scripts", "setup-debian.sh"),
                        help="the set-up script whose packages=( ... ) list is checked")
    parser.add_argument("--root", help="the tree to scan (default: this repository)")
    parser.add_argument("--list", action="store_true", help="print every program with its package")
    options = parser.parse_args()
    if options.root:
        ROOT = os.path.abspath(options.root)
    started = time.monotonic()

    scan = Scan()
    files = 0
    for path in project_files():
        kind = kind_of(path)
        if kind is None:
            continue
        relative = os.path.relpath(path, ROOT)
        try:
            text = open(path, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError):
            continue
        files += 1
        if kind == "swift":
            scan.swift(text, relative)
        elif kind == "python":
            scan.python(text, relative)
        elif kind == "shell":
            scan.shell(text, relative, dialect="auto")
        else:
            scan.cron(text, relative)

    # One entry per program, however it is spelled ("nsd", "/usr/sbin/nsd").
    located, uses_by_program = {}, {}
    for use in scan.uses:
        name = os.path.basename(use.program)
        path = None if name in NOT_DEBIAN else locate(use.program)
        key = path or use.program
        located[key] = path
        uses_by_program.setdefault(key, []).append(use)

    setup = setup_packages(options.setup)
    facts, providers = installed_packages()
    installed_by_setup = closure(setup, facts, providers)

    dpkg = owners({name for path in located.values() if path for name in spellings(path)})

    setup_name = os.path.relpath(options.setup, ROOT)
    if setup_name.startswith(".."):
        setup_name = options.setup
    problems, table = [], []
    for key in sorted(uses_by_program, key=lambda k: (os.path.basename(k), k)):
        uses = uses_by_program[key]
        program = os.path.basename(key)
        path = located[key]
        where = ", ".join(f"{u.file}:{u.line}" for u in uses[:3]) + (f" and {len(uses) - 3} more" if len(uses) > 3 else "")
        if program in NOT_DEBIAN:
            table.append((program, "-", f"skipped: {NOT_DEBIAN[program]}"))
            continue
        if path is None:
            problems.append(f"{program} (used at {where}) is not installed here: install it and add its Debian "
                            f"package to {setup_name}")
            continue
        packages = next((dpkg[name] for name in spellings(path) if name in dpkg), None)
        if not packages:
            problems.append(f"{program} ({path}, used at {where}) belongs to no Debian package: install it from one "
                            f"and add that package to {setup_name}")
            continue
        covered = [p for p in packages if p in installed_by_setup]
        if covered:
            table.append((program, covered[0], "set-up" if covered[0] in setup else "set-up, as a dependency"))
            continue
        essential = [p for p in packages if p in facts and (facts[p][0] or facts[p][1] == "required")]
        if essential:
            package = essential[0]
            table.append((program, package, "skipped: Essential" if facts[package][0] else "skipped: Priority required"))
            continue
        problems.append(f"{program} ({path}, used at {where}) is in Debian package {packages[0]}, which "
                        f"{setup_name} does not install: add {packages[0]} to its packages")

    if options.list:
        for program, package, how in table:
            print(f"{program:<28} {package:<22} {how}")
    elapsed = time.monotonic() - started
    if problems:
        for problem in problems:
            print(f"check-deps: {problem}", file=sys.stderr)
        print(f"check-deps: FAILED - {len(problems)} of {len(uses_by_program)} programs not installed by "
              f"{setup_name} ({files} files, {elapsed:.1f} s)", file=sys.stderr)
        return 1
    print(f"check-deps: OK - {len(uses_by_program)} programs in {files} files, each from a package "
          f"{setup_name} installs, or Essential/required ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
