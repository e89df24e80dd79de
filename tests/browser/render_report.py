#!/usr/bin/env python3
"""Renders the page of `verdict explain --html` in headless Chromium and checks it.

Usage: render_report.py VERDICT_BINARY [--comparison] [--save-screenshot PNG]

With --comparison it checks the champion/challenger page of `verdict replay --against --html`
instead (the same log, a challenger with even weights): no external resource, no console
message, the transition matrix, the rate and shift charts and the tables at sane sizes, a
screenshot that is not blank.

Run from the source root (CTest `browser.explain_report_renders` does). It decides the
shipped credit requests into a fresh log with a version store, writes the page of record 5
(a knock-out referral with SHAP computed), then:
  1. the page names no external resource (no http(s) URL, <link>, <img>, script src, url(), @import);
  2. Chromium loads it with no console message and no uncaught error (--enable-logging=stderr);
  3. a copy with a small probe script appended (the page's CSP widened for that script only)
     writes the rendered sizes of the key elements into the DOM (--dump-dom): the waterfall
     svg and its bars, the rules table, the versions table, the chain section; they must exist
     and have sane sizes, and the page must have fetched no resource at all;
  4. a screenshot is a PNG of the window's size that is not blank (pixel variance, share of
     non-white pixels).
Exits 77 (CTest SKIP_RETURN_CODE) when Chromium is not installed. Each Chromium run is
bounded by a timeout; the whole test takes a few seconds.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
TIMEOUT_S = 20
WINDOW = (1100, 1500)


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def make_page(verdict, tmp):
    """Decides the shipped requests into a fresh log and writes record 5's page."""
    rules = open("rules/credit_approval.rules", encoding="utf-8").read()
    rules = rules.replace('"../models/credit_default.json"', '"credit_default.json"')
    open(os.path.join(tmp, "credit_approval.rules"), "w", encoding="utf-8").write(rules)
    shutil.copy("models/credit_default.json", tmp)
    config = os.path.join(tmp, "deploy.toml")
    open(config, "w", encoding="utf-8").write(
        'ruleset = "credit_approval.rules"\n[blend]\nhuman = 0.4\nmodel = 0.6\n'
        '[trace]\nlevel = "full"\nshap = ["decline", "review"]\nlog = "decisions.jsonl"\nstore = "versions"\n'
        'pii_key_file = "pii.key"\n')
    open(os.path.join(tmp, "pii.key"), "w", encoding="utf-8").write("ab" * 32 + "\n")
    subprocess.run([verdict, "decide", "--config", config, "--input", "rules/examples/credit_requests.jsonl"],
                   check=True, stdout=subprocess.DEVNULL, timeout=TIMEOUT_S)
    page = os.path.join(tmp, "report.html")
    subprocess.run([verdict, "explain", os.path.join(tmp, "decisions.jsonl"), "--id", "5", "--store",
                    os.path.join(tmp, "versions"), "--html", page], check=True, timeout=TIMEOUT_S)
    return page


def make_comparison_page(verdict, tmp):
    """The explain page's log, compared with a challenger that weighs human and model evenly."""
    make_page(verdict, tmp)
    challenger = os.path.join(tmp, "challenger.toml")
    open(challenger, "w", encoding="utf-8").write(
        'ruleset = "credit_approval.rules"\n[blend]\nhuman = 0.5\nmodel = 0.5\n[trace]\nlevel = "full"\n')
    page = os.path.join(tmp, "comparison.html")
    subprocess.run([verdict, "replay", os.path.join(tmp, "decisions.jsonl"), "--store", os.path.join(tmp, "versions"),
                    "--pii-key-file", os.path.join(tmp, "pii.key"), "--against", challenger, "--html", page], check=True, stdout=subprocess.DEVNULL, timeout=TIMEOUT_S)
    return page


COMPARISON_PROBE_KEYS = {
    "matrix": "table.matrix",
    "rates": "#transitions svg.chart",
    "segments": "table.segments",
    "shift": "#shift svg.chart",
}


def check_comparison_sizes(sizes):
    for key in COMPARISON_PROBE_KEYS:
        if not sizes.get(key):
            fail("no `%s` element on the rendered comparison page" % key)
    if sizes["matrix"]["height"] < 80 or sizes["matrix"]["width"] < 500:
        fail("the transition matrix is %(width)gx%(height)g px" % sizes["matrix"])
    for chart in ["rates", "shift"]:
        if not (500 <= sizes[chart]["width"] <= 1100 and 80 <= sizes[chart]["height"] <= 1500):
            fail("the %s chart is %gx%g px" % (chart, sizes[chart]["width"], sizes[chart]["height"]))
    if sizes["matrix_rows"] != 4:
        fail("the matrix has %d rows, not 3 outcomes and the rates" % sizes["matrix_rows"])
    if sizes["resources"] != 0:
        fail("the page fetched %d resources" % sizes["resources"])


def check_no_external_resource(html):
    for pattern in [r"https?://", r"<link\b", r"<img\b", r"<script\b", r"<iframe\b", r"url\(", r"@import"]:
        if re.search(pattern, html, re.IGNORECASE):
            fail("the page has `%s`: it must name no external resource" % pattern)


def chromium(binary, tmp, *args):
    """Runs headless Chromium with a throw-away profile; returns (stdout, stderr)."""
    profile = tempfile.mkdtemp(dir=tmp)
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
           "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", *args]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        fail("chromium did not finish within %d s: %s" % (TIMEOUT_S, " ".join(args)))
    if run.returncode != 0:
        fail("chromium exited %d:\n%s" % (run.returncode, run.stderr[-3000:]))
    return run.stdout, run.stderr


def console_lines(stderr):
    return [l for l in stderr.splitlines() if "CONSOLE" in l or "Uncaught" in l or "Refused to" in l]


PROBE = """
<script>
(function () {
  function box(selector) {
    var e = document.querySelector(selector);
    if (!e) return null;
    var r = e.getBoundingClientRect();
    return {width: r.width, height: r.height};
  }
  var out = {
    waterfall: box("#score svg.waterfall"),
    rules: box("table.rules"),
    versions: box("table.versions"),
    chain: box("#chain"),
    features: box("table.features"),
    bars: document.querySelectorAll("#score svg.waterfall rect").length,
    rule_rows: document.querySelectorAll("table.rules tbody tr").length,
    matrix: box("table.matrix"),
    rates: box("#transitions svg.chart"),
    segments: box("table.segments"),
    shift: box("#shift svg.chart"),
    matrix_rows: document.querySelectorAll("table.matrix tbody tr").length,
    excerpts: document.querySelectorAll("table.rules pre").length,
    resources: performance.getEntriesByType("resource").length,
    body: box("body")
  };
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
  console.log("verdict-probe-ran");
})();
</script>
"""


def probe_page(binary, tmp, page):
    html = open(page, encoding="utf-8").read()
    # The page's CSP forbids scripts; the probe's copy allows inline ones, nothing else.
    html = html.replace("style-src 'unsafe-inline'", "style-src 'unsafe-inline'; script-src 'unsafe-inline'")
    html = html.replace("</body>", PROBE + "</body>")
    copy = os.path.join(tmp, "probe.html")
    open(copy, "w", encoding="utf-8").write(html)
    dom, stderr = chromium(binary, tmp, "--window-size=%d,%d" % WINDOW, "--virtual-time-budget=3000",
                           "--dump-dom", "file://" + copy)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.DOTALL)
    if not found:
        fail("the probe script wrote nothing into the DOM:\n" + stderr[-2000:])
    text = found.group(1).replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text), stderr


def check_sizes(sizes):
    for key in ["waterfall", "rules", "versions", "chain", "features"]:
        if not sizes.get(key):
            fail("no `%s` element on the rendered page" % key)
    wf = sizes["waterfall"]
    if not (600 <= wf["width"] <= 1100 and 200 <= wf["height"] <= 1500):
        fail("the waterfall is %gx%g px" % (wf["width"], wf["height"]))
    if sizes["rules"]["height"] < 300 or sizes["rules"]["width"] < 600:
        fail("the rules table is %(width)gx%(height)g px" % sizes["rules"])
    if sizes["versions"]["height"] < 60:
        fail("the versions table is %(width)gx%(height)g px" % sizes["versions"])
    if sizes["bars"] < 10:
        fail("the waterfall has %d bars" % sizes["bars"])
    if sizes["rule_rows"] < 20 or sizes["excerpts"] != sizes["rule_rows"]:
        fail("%d rule rows, %d source excerpts" % (sizes["rule_rows"], sizes["excerpts"]))
    if sizes["resources"] != 0:
        fail("the page fetched %d resources" % sizes["resources"])


def png_pixels(path, max_rows):
    """(width, height, channels, rows): the first max_rows rows of an 8-bit RGB/RGBA PNG, unfiltered."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        fail("unexpected PNG format (depth %d, colour type %d)" % (depth, color))
    channels = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(min(height, max_rows)):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        unfilter(kind, line, prev, channels)
        rows.append(line)
        prev = line
    return width, height, channels, rows


def unfilter(kind, line, prev, bpp):
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + prev[i]) & 255
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255


def check_screenshot(path):
    width, height, channels, rows = png_pixels(path, 900)
    if (width, height) != WINDOW:
        fail("the screenshot is %dx%d, not %dx%d" % (width, height, *WINDOW))
    grey = [sum(row[x:x + 3]) // 3 for row in rows[::3] for x in range(0, width * channels, channels * 3)]
    mean = sum(grey) / len(grey)
    variance = sum((g - mean) ** 2 for g in grey) / len(grey)
    inked = sum(1 for g in grey if g < 200) / len(grey)
    if variance < 100 or inked < 0.01:
        fail("the screenshot looks blank (variance %.1f, %.1f%% dark pixels)" % (variance, inked * 100))
    print("screenshot %dx%d: variance %.0f, %.1f%% dark pixels" % (width, height, variance, inked * 100))


def main():
    if len(sys.argv) < 2:
        fail(__doc__)
    verdict = os.path.abspath(sys.argv[1])
    save = sys.argv[sys.argv.index("--save-screenshot") + 1] if "--save-screenshot" in sys.argv else None
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("skipped: chromium is not installed (Debian: apt-get install chromium)")
        return SKIP
    comparison = "--comparison" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        page = make_comparison_page(verdict, tmp) if comparison else make_page(verdict, tmp)
        check_no_external_resource(open(page, encoding="utf-8").read())
        dom, stderr = chromium(binary, tmp, "--dump-dom", "file://" + page)
        if console_lines(stderr):
            fail("console output while loading the page:\n" + "\n".join(console_lines(stderr)))
        if ('id="transitions"' if comparison else 'id="rules"') not in dom:
            fail("the rendered DOM has no %s section" % ("transitions" if comparison else "rules"))
        sizes, probe_err = probe_page(binary, tmp, page)
        others = [l for l in console_lines(probe_err) if "verdict-probe-ran" not in l]
        if others:
            fail("console output while probing the page:\n" + "\n".join(others))
        if not any("verdict-probe-ran" in l for l in console_lines(probe_err)):
            print("note: this Chromium logs no console message to stderr: the console check proves nothing here")
        check_comparison_sizes(sizes) if comparison else check_sizes(sizes)
        print("rendered: " + json.dumps(sizes))
        shot = os.path.join(tmp, "shot.png")
        chromium(binary, tmp, "--window-size=%d,%d" % WINDOW, "--hide-scrollbars", "--screenshot=" + shot,
                 "file://" + page)
        check_screenshot(shot)
        if save:
            shutil.copy(shot, save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
