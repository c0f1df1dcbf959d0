"""A built site served over loopback HTTP and a headless Chromium to read
it, shared by the browser checks (axe_check, phone_check, search_check).

HTTP rather than file:// so that root-relative links (the 404 page) and the
search page's requests behave as on a real host.
"""
import functools
import http.server
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    """Serve `root` on a free loopback port; returns (base URL, server)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/" % server.server_address[1], server


def chromium(extra=(), phone_width=None):
    """Headless Chromium; `phone_width` emulates a phone of that CSS width
    (a desktop window cannot be narrower than 500 px)."""
    opts = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *extra]:
        opts.add_argument(a)
    if phone_width:
        opts.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": phone_width, "height": 800, "pixelRatio": 2}})
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def report(failures, summary):
    """Prints each failure and the summary line (`summary` ends in
    "N failure(s)"), then exits 1 when anything failed."""
    for f in failures:
        print("FAIL", f)
    print(summary)
    sys.exit(1 if failures else 0)
