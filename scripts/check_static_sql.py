#!/usr/bin/env python3
"""Fails when SQL text is built at run time from anything but constants.

Why: inside a firm's transaction the application role is a member of every
firm's role, so SQL injected into a query could `reset role` and leave the
firm's confinement (ARCHITECTURE.md, "Residual risk"). Parameters keep
values out of SQL text; this check keeps the text itself static: the first
argument of every `sqlx::query*` / `raw_sql` call must be a string literal,
a constant (UPPER_CASE), or `format!` over constants only. Provisioning and
migration DDL, which must name schemas and roles, quote those names with
`db::quote_ident` and are listed below.

Run by `make lint`; prints each offending call and exits 1.
"""
import pathlib
import re
import sys

ROOTS = ["src", "app/src", "server/src"]
# DDL that names schemas, roles and databases (quoted, derived from ids).
DDL_FILES = {
    "src/tenancy/provision.rs",
    "src/tenancy/backup.rs",
    "src/db/embedded/mod.rs",
    "src/migrate/platform.rs",
    "src/migrate/tenant_schema.rs",
}
CALL = re.compile(r"(?<![.\w])(?:sqlx::)?(query|query_as|query_scalar|raw_sql)(?:::<[^()]*?>)?\(")
# Functions that assemble SQL from pieces their callers pass: a call is
# static when every argument is.
BUILDERS = {"entry_select"}
CONST = re.compile(r"^[A-Z][A-Z0-9_]*$")
LITERAL = re.compile(r'^(?:"(?:[^"\\]|\\.)*"|r#*".*"#*)$', re.S)


def first_argument(text: str, start: int) -> str:
    """The text of the call's first argument, up to its comma or paren."""
    depth, i, in_str = 0, start, None
    while i < len(text):
        c = text[i]
        if in_str:
            if c == "\\" and in_str == '"':
                i += 2
                continue
            if c == '"':
                in_str = None
        elif c == '"':
            in_str = '"'
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            break
        i += 1
    return text[start:i].strip()


def arguments(text: str) -> list:
    """Top-level comma-separated arguments of a parenthesised list's inside."""
    args, i = [], 0
    while i < len(text):
        arg = first_argument(text, i)
        args.append(arg)
        i += len(arg) + 1
        while i < len(text) and text[i - 1] != "," and text[i] != ",":
            i += 1
        i += 1 if i < len(text) and text[i] == "," else 0
    return [a for a in args if a]


def is_static(arg: str) -> bool:
    arg = arg.lstrip("&").strip()
    if LITERAL.match(arg) or CONST.match(arg):
        return True
    m = re.match(r"^if\s[^{]*\{\s*(.*?)\s*\}\s*else\s*\{\s*(.*?)\s*\}$", arg, re.S)
    if m:
        return is_static(m.group(1)) and is_static(m.group(2))
    m = re.match(r"^(\w+)\((.*)\)$", arg, re.S)
    if m and m.group(1) in BUILDERS:
        return all(is_static(a) for a in arguments(m.group(2)))
    m = re.match(r"^format!\(\s*(\"(?:[^\"\\]|\\.)*\")\s*\)$", arg, re.S)
    if m:
        names = re.findall(r"\{([^{}:]*)(?::[^{}]*)?\}", m.group(1).replace("{{", "").replace("}}", ""))
        return all(CONST.match(n) for n in names)
    return False


def strip_tests(text: str) -> str:
    """Drops `#[cfg(test)] mod … { … }` blocks: tests may build SQL freely."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        out.append("\n" * text[m.start():j].count("\n"))
        i = j
    out.append(text[i:])
    return "".join(out)


def main() -> int:
    problems = []
    for root in ROOTS:
        for path in sorted(pathlib.Path(root).rglob("*.rs")):
            name = path.as_posix()
            if name in DDL_FILES:
                continue
            text = strip_tests(path.read_text())
            for m in CALL.finditer(text):
                arg = first_argument(text, m.end())
                if not is_static(arg):
                    line = text.count("\n", 0, m.start()) + 1
                    problems.append(f"{name}:{line}: SQL built at run time: {m.group(1)}({arg[:60]}…)")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} call(s) with SQL text that is not static (see scripts/check_static_sql.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
