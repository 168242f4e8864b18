"""A minimal Language Server Protocol client over stdio, for the real yaml-language-server.

It speaks JSON-RPC with Content-Length framing, answers the server's own requests
(workspace/configuration, client/registerCapability) and collects the diagnostics the
server publishes, so a test can open a file and ask what an editor would ask.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path

# Generous upper bound for one answer on a busy machine; not a timing assertion.
ANSWER_WAIT = 120


class LanguageServer:
    def __init__(self, command: list[str], root: Path, settings: dict):
        self.settings = settings
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=root)
        self.next_id = 0
        self.answers: dict[int, queue.Queue] = {}
        self.diagnostics: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(),
            "capabilities": {
                "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                 "completion": {"completionItem": {"snippetSupport": False}},
                                 "publishDiagnostics": {}},
                "workspace": {"configuration": True},
            },
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- framing
    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:  # the server asks the client
                self._answer_server(message)
            elif "id" in message:
                self.answers.setdefault(message["id"], queue.Queue()).put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put(message["params"])

    def _answer_server(self, message: dict) -> None:
        result = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", ""), self.settings)
                      for item in message["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    # -- requests
    def request(self, method: str, params: dict):
        self.next_id += 1
        ident = self.next_id
        box = self.answers.setdefault(ident, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        answer = box.get(timeout=ANSWER_WAIT)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer["result"]

    def notify(self, method: str, params: dict) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        return uri

    def published(self, uri: str) -> list[dict]:
        """The first non-empty diagnostics the server publishes for uri (it may publish [] first)."""
        while True:
            params = self.diagnostics.get(timeout=ANSWER_WAIT)
            if params["uri"] == uri and params["diagnostics"]:
                return params["diagnostics"]

    def hover(self, uri: str, line: int, character: int):
        return self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                   "position": {"line": line, "character": character}})

    def complete(self, uri: str, line: int, character: int) -> list[dict]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                          "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else (result or [])

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=30)
        except Exception:
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
