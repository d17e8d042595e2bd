#!/usr/bin/env bash
# Renders every page of a `seedbed report` site in headless Chromium and fails on what a reader
# would hit: console errors (a Content-Security-Policy violation, a failed load, a script error),
# broken links (a page or an anchor that does not exist), a link or resource outside the site,
# headings out of order, a table header without scope, a chart without a name. Saves a full-page
# screenshot of every page (and a print rendering of the index) into a folder to look at.
#
#   ci/check-report.sh SITE [SCREENSHOTS]        # SCREENSHOTS defaults to SITE-screenshots
#
# Needs chromium (Debian: apt-get install -y chromium) and python3. It is not part of .ci/run:
# Chromium is heavy for every CI run; run it when the report's templates or charts change.
#   swift build && .build/debug/seedbed report --out /tmp/site --catalog CATALOG
#   ci/check-report.sh /tmp/site
#
# Exit 0 when every page is clean, 1 when a page has a problem (each is listed), 2 for usage.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -f "$1/index.html" ]; then
    echo "usage: ci/check-report.sh SITE [SCREENSHOTS]  (SITE: a folder seedbed report wrote, with index.html)" >&2
    exit 2
fi
site=$(cd "$1" && pwd)
shots=${2:-"$site-screenshots"}
mkdir -p "$shots"
shots=$(cd "$shots" && pwd)
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$browser" ]; then
    echo "ci/check-report.sh: no chromium found (apt-get install -y chromium, or set CHROMIUM)" >&2
    exit 2
fi

# The browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fd 3 in,
# fd 4 out, NUL-separated JSON), so nothing listens on a port and no package beyond python3 is
# needed. Runtime.evaluate runs outside the page's CSP, which forbids the page any script.
exec python3 - "$browser" "$site" "$shots" <<'PYTHON'
import base64, fcntl, html.parser, json, os, subprocess, sys, tempfile, urllib.parse

browser, site, shots = sys.argv[1:4]
WIDTH, HEIGHT = 1366, 768  # a laptop screen

class Browser:
    def __init__(self):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        self.profile = tempfile.TemporaryDirectory()
        # Moved above 9 first, so that placing them at 3 and 4 in the child cannot overwrite one
        # with the other; pass_fds keeps 3 and 4 open through the child's fd cleanup.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        os.close(to_child_r)
        os.close(from_child_w)
        to_child_r, from_child_w = high_r, high_w
        def plumb():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)
        flags = ["--headless=new", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
                 "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                 "--user-data-dir=" + self.profile.name, "--allow-file-access-from-files"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.process = subprocess.Popen([browser] + flags, pass_fds=(3, 4),
                                        preexec_fn=plumb, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        wanted = self.send(method, params, session)
        while True:
            message = self.read()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def page(self, method, params=None):
        return self.call(method, params, self.session)

    def wait_for(self, event):
        for index, message in enumerate(self.events):
            if message.get("method") == event:
                del self.events[index]
                return
        while True:
            message = self.read()
            if message.get("method") == event:
                return
            self.events.append(message)

    def evaluate(self, expression):
        result = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        self.process.wait(timeout=30)

class Ids(html.parser.HTMLParser):
    """Every id in a page, for checking links into it."""
    def __init__(self):
        super().__init__()
        self.ids = set()
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)

ids_cache = {}
def ids_of(path):
    if path not in ids_cache:
        parser = Ids()
        with open(path, encoding="utf-8") as file:
            parser.feed(file.read())
        ids_cache[path] = parser.ids
    return ids_cache[path]

# Collected in the page after load: links, resources, headings, table headers, charts.
SURVEY = r"""JSON.stringify({
  links: Array.from(document.querySelectorAll('[href]')).map(e => e.getAttribute('href')),
  resources: Array.from(document.querySelectorAll('[src], link[rel=stylesheet], object, embed, iframe'))
      .map(e => e.outerHTML.slice(0, 120)),
  headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1]),
  unscoped: Array.from(document.querySelectorAll('th:not([scope])')).length,
  charts: Array.from(document.querySelectorAll('svg')).map(s =>
      s.getAttribute('role') === 'img' && !!s.querySelector(':scope > title') &&
      (s.getAttribute('aria-labelledby') || '').split(' ').every(id => document.getElementById(id))),
  width: document.documentElement.scrollWidth
})"""

pages = []
for root, _, files in os.walk(site):
    for name in files:
        if name.endswith(".html"):
            pages.append(os.path.relpath(os.path.join(root, name), site))
pages.sort(key=lambda p: (p != "index.html", p))

problems = []
chrome = Browser()
try:
    chrome.page("Page.enable")
    chrome.page("Runtime.enable")
    chrome.page("Log.enable")
    chrome.page("Emulation.setDeviceMetricsOverride",
                {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    for relative in pages:
        path = os.path.join(site, relative)
        chrome.events = []
        chrome.page("Page.navigate", {"url": "file://" + urllib.parse.quote(path)})
        chrome.wait_for("Page.loadEventFired")
        survey = json.loads(chrome.evaluate(SURVEY))
        for message in chrome.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.exceptionThrown":
                problems.append(f"{relative}: script error: {params['exceptionDetails'].get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                problems.append(f"{relative}: console error: {text}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                problems.append(f"{relative}: console error: {params['entry']['text']}")
        for href in survey["links"]:
            target, _, fragment = href.partition("#")
            if "://" in target or target.startswith("//") or target.startswith("data:"):
                problems.append(f"{relative}: link leaves the site: {href}")
                continue
            file = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(target))) if target else path
            if not os.path.isfile(file):
                problems.append(f"{relative}: broken link: {href} (no file {os.path.relpath(file, site)})")
            elif fragment and urllib.parse.unquote(fragment) not in ids_of(file):
                problems.append(f"{relative}: broken link: {href} (no element with that id)")
        for resource in survey["resources"]:
            problems.append(f"{relative}: loads a resource: {resource}")
        previous = 0
        for level in survey["headings"]:
            if level > previous + 1:
                problems.append(f"{relative}: heading h{level} follows h{previous or '(none)'}")
            previous = level
        if survey["unscoped"]:
            problems.append(f"{relative}: {survey['unscoped']} table header(s) without scope")
        if not all(survey["charts"]):
            problems.append(f"{relative}: a chart without role=img, a title or its aria-labelledby targets")
        if survey["width"] > WIDTH:
            problems.append(f"{relative}: wider than a laptop screen ({survey['width']} px > {WIDTH} px)")
        shot = chrome.page("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "scale": 1, "width": WIDTH,
                     "height": chrome.page("Page.getLayoutMetrics")["cssContentSize"]["height"]}})
        name = relative.replace(os.sep, "_").replace("@", "-")[: -len(".html")] + ".png"
        with open(os.path.join(shots, name), "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        print(f"checked {relative}: {len(survey['links'])} links, {len(survey['charts'])} charts -> {name}")
    # The print stylesheet, on the index and the first version page.
    chrome.page("Emulation.setEmulatedMedia", {"media": "print"})
    for relative in pages[:2]:
        chrome.page("Page.navigate", {"url": "file://" + urllib.parse.quote(os.path.join(site, relative))})
        chrome.wait_for("Page.loadEventFired")
        height = chrome.page("Page.getLayoutMetrics")["cssContentSize"]["height"]
        shot = chrome.page("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "scale": 1, "width": WIDTH, "height": height}})
        name = "print_" + relative.replace(os.sep, "_").replace("@", "-")[: -len(".html")] + ".png"
        with open(os.path.join(shots, name), "wb") as file:
            file.write(base64.b64decode(shot["data"]))
finally:
    chrome.close()

print(f"screenshots in {shots}")
if problems:
    print(f"{len(problems)} problem(s):", file=sys.stderr)
    for problem in problems:
        print("  " + problem, file=sys.stderr)
    sys.exit(1)
print(f"{len(pages)} page(s) clean")
PYTHON
