"""Every message the tool can give an editor, as patterns, and the entries of the editors' guide.

The project's own messages are read from the source code (so a new message is found without
anyone listing it): the message argument of every `_ReadError`, `Problem`, editor-facing
`ValueError`, vocabulary `self.add`, `(path, message, hint)` tuple, error `print` of the CLI and
`_say` of build.py. An f-string becomes a pattern: its literal parts verbatim, each `{...}` any
text (a module-level constant is filled in; `{'a' if x else 'b'}` becomes `(a|b)`).

The YAML parser's messages are the problem texts of libyaml, which PyYAML's C loader reports;
YAML_PARSER_MESSAGES lists them, and a test checks the list against the installed library.

The guide's entries are the inline code spans marked as English tool output, ``text``{: lang=en }.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hooks" / "strategy_site"

# Which argument of which call is the message, by the name called.
MESSAGE_ARGUMENT = {"_ReadError": 2, "Problem": 3, "ValueError": 0, "add": 1, "_say": 0}
# Modules whose ValueErrors are editors' messages (elsewhere they are developers' errors).
EDITOR_VALUE_ERRORS = {"dates.py", "text.py", "model.py", "yamlread.py", "load.py", "resolve.py", "slips.py",
                       "vocabulary.py"}
# Modules that talk to developers or test runners, not to editors.
# (engine.py: STRATEGY_SITE_ENGINE is a developer's switch.)
NOT_EDITORS = {"testenv.py", "parallel.py", "bench.py", "engine.py"}

# libyaml 0.2.5's scanner and parser problems (PyYAML's CSafeLoader reports these).
YAML_PARSER_MESSAGES = [
    "block sequence entries are not allowed in this context",
    "could not find expected ':'",
    "did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "did not find expected <stream-start>",
    "did not find expected alphabetic or numeric character",
    "did not find expected comment or line break",
    "did not find expected digit or '.' character",
    "did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "did not find expected tag URI",
    "did not find expected whitespace",
    "did not find expected whitespace or line break",
    "did not find the expected '>'",
    "did not find URI escaped octet",
    "found a tab character that violates indentation",
    "found a tab character where an indentation space is expected",
    "found an incorrect leading UTF-8 octet",
    "found an incorrect trailing UTF-8 octet",
    "found an indentation indicator equal to 0",
    "found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "found extremely long version number",
    "found incompatible YAML document",
    "found invalid Unicode character escape code",
    "found undefined tag handle",
    "found unexpected ':'",
    "found unexpected document indicator",
    "found unexpected end of stream",
    "found unexpected non-alphabetical character",
    "found unknown escape character",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "control characters are not allowed",
    "did not find expected version number",
    "could not find expected directive name",
    "found unknown directive name",
]
# The message texts of pydantic's constraint errors, which load.py passes on in lowercase.
PYDANTIC_MESSAGES = [
    r"input should be greater than or equal to .+",
    r"input should be less than or equal to .+",
    r"list should have at least .+ items? after validation, not .+",
    r"list should have at most .+ items? after validation, not .+",
    r"string should have at most .+ characters?",
]


@dataclass(frozen=True)
class Message:
    pattern: str  # a regular expression for the whole message
    where: str  # file:line of the code that gives it, or "libyaml" / "pydantic"

    def matches(self, entry: str) -> bool:
        return re.fullmatch(self.pattern, entry, re.DOTALL) is not None


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _pattern(node: ast.AST, constants: dict[str, str]) -> str | None:
    """A regular expression for the text a string expression can produce; None if it is not one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(re.escape(value.value))
            elif isinstance(value, ast.FormattedValue):
                inner = value.value
                if isinstance(inner, ast.Name) and inner.id in constants and value.conversion == -1:
                    parts.append(re.escape(constants[inner.id]))
                elif isinstance(inner, ast.IfExp) and all(isinstance(x, ast.Constant) for x in (inner.body, inner.orelse)):
                    parts.append(f"({re.escape(str(inner.body.value))}|{re.escape(str(inner.orelse.value))})")
                else:
                    parts.append(".+?")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern(node.left, constants), _pattern(node.right, constants)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.IfExp):
        body, orelse = _pattern(node.body, constants), _pattern(node.orelse, constants)
        return f"({body}|{orelse})" if body is not None and orelse is not None else None
    return None


def _called(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def messages_in_source(name: str, source: str) -> list[Message]:
    """The editors' messages that one module's code can give."""
    tree = ast.parse(source)
    constants = _constants(tree)
    found: list[Message] = []

    def add(node: ast.AST, line: int) -> None:
        pattern = _pattern(node, constants)
        words = re.findall(r"[A-Za-z]{2,}", pattern.replace(".+?", " ")) if pattern else []
        # not a bare `{message}` passed on, nor a prefix such as `build.py: {message}`
        if len(words) >= 2 and not re.fullmatch(r"[^{}]*:\\ \.\+\?", pattern or ""):
            found.append(Message(pattern, f"{name}:{line}"))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = _called(node)
            index = MESSAGE_ARGUMENT.get(called)
            if called == "ValueError" and name.rsplit("/", 1)[-1] not in EDITOR_VALUE_ERRORS:
                continue
            if called == "add" and not isinstance(node.func, ast.Attribute):
                continue
            if called == "print" and any(k.arg == "file" for k in node.keywords) and node.args:
                index = 0
            if called == "append" and name.endswith("errors.py"):  # the closing lines of the reports
                index = 0
            if index is not None and len(node.args) > index:
                add(node.args[index], node.lineno)
        elif (isinstance(node, ast.Tuple) and len(node.elts) == 3 and not isinstance(node.elts[0], ast.Constant)
              and isinstance(node.elts[1], (ast.Constant, ast.JoinedStr)) and _pattern(node.elts[1], constants)):
            add(node.elts[1], node.lineno)
    return found


def outcomes(name: str, source: str) -> list[tuple[str, int]]:
    """The closing words of a problem report: `*OUTCOME` constants and the `outcome` default."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and any(
                isinstance(t, ast.Name) and t.id.endswith("OUTCOME") for t in node.targets):
            found.append((node.value.value, node.lineno))
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.args][-len(node.args.defaults):] if node.args.defaults else []
            for arg, default in zip(names, node.args.defaults, strict=True):
                if arg == "outcome" and isinstance(default, ast.Constant):
                    found.append((default.value, node.lineno))
    return found


def project_messages() -> list[Message]:
    found: list[Message] = []
    closings: list[tuple[str, str]] = []
    for path in sorted(PACKAGE.rglob("*.py")) + [ROOT / "build.py"]:
        if path.name in NOT_EDITORS:
            continue
        name, source = path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
        found += messages_in_source(name, source)
        closings += [(text, f"{name}:{line}") for text, line in outcomes(name, source)]
    # the report's closing line `N problems in N files; {outcome}.`, once for each outcome
    closing = next(m for m in found if m.pattern.endswith(r";\ .+?\."))
    found.remove(closing)
    found += [Message(closing.pattern[: -len(r".+?\.")] + re.escape(text) + r"\.", where) for text, where in closings]
    return found


def yaml_messages() -> list[Message]:
    """Each parser problem, as `check` shows it: `YAML syntax error: <problem>` and maybe a context."""
    return [Message(r"(YAML syntax error: )?" + re.escape(text) + r"( \(.+\))?", "libyaml")
            for text in YAML_PARSER_MESSAGES]


def all_messages() -> list[Message]:
    return project_messages() + yaml_messages() + [Message(p, "pydantic") for p in PYDANTIC_MESSAGES]


_ENTRY = re.compile(r"(`+) ?(.+?) ?\1\{: lang=en \}")


def guide_entries(markdown: str) -> list[str]:
    """The tool's outputs the guide quotes: ``text``{: lang=en } spans."""
    return [match.group(2) for match in _ENTRY.finditer(markdown)]


def undocumented(messages: list[Message], markdown: str) -> list[Message]:
    entries = guide_entries(markdown)
    return [m for m in messages if not any(m.matches(entry) for entry in entries)]
