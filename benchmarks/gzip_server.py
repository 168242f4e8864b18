"""Serve a built site as a static host does: gzip for text files (for Lighthouse runs).

python3 benchmarks/gzip_server.py SITE_DIR PORT
"""

import gzip
import http.server
import sys
from functools import partial

TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/"):
            path += "index.html"
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.endswith(TEXT):
            try:
                with open(path, "rb") as handle:
                    body = gzip.compress(handle.read(), mtime=0)
            except OSError:
                return super().send_head()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), partial(Handler, directory=sys.argv[1])).serve_forever()
