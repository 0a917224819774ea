#!/usr/bin/python3
"""Opens an eorun report in Debian's headless Chromium and says what the page did.

    /usr/bin/python3 report_browser.py REPORT.html [--screenshot FILE.png] [--width 1280]

Drives the browser over the DevTools protocol (python3-websocket): records every console message,
uncaught exception, log entry and network request from the moment the page starts loading, waits
for the page's own `window.eorunReport.ready` promise (every chart drawn), then reads what the page
shows: each chart's rendered SVG and ECharts series, and every number of the run and group tables.
Prints one JSON object on stdout. Exits 1 when the browser cannot be started or the page never
became ready within --timeout seconds.
"""
import argparse
import base64
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import websocket

# What the page holds, read inside the page after `ready`.
READ_PAGE = r"""
(() => {
  const charts = {};
  document.querySelectorAll('[data-chart]').forEach((box) => {
    const name = box.getAttribute('data-chart');
    const instance = echarts.getInstanceByDom(box);
    const svg = box.querySelector('svg');
    const option = instance ? instance.getOption() : null;
    charts[name] = {
      rendered: box.getAttribute('data-rendered') === 'true',
      width: box.clientWidth,
      height: box.clientHeight,
      svg_elements: svg ? svg.querySelectorAll('path, rect, line, polyline, polygon, circle, text').length : 0,
      svg_paths: svg ? svg.querySelectorAll('path').length : 0,
      series: option ? option.series.map((s) => ({name: s.name, type: s.type, points: (s.data || []).length})) : []
    };
  });
  const cells = (row) => {
    const out = {};
    row.querySelectorAll('td[data-field]').forEach((td) => {
      out[td.getAttribute('data-field')] = {
        value: td.hasAttribute('data-value') ? Number(td.getAttribute('data-value')) : null,
        text: td.textContent
      };
    });
    return out;
  };
  const runs = [...document.querySelectorAll('#runs-table tbody tr')].map((tr) =>
      ({run_id: tr.getAttribute('data-run'), cells: cells(tr)}));
  const groups = [...document.querySelectorAll('#groups-table tbody tr')].map((tr) =>
      ({index: Number(tr.getAttribute('data-group')), cells: cells(tr),
        runs: [...tr.querySelectorAll('a[href^="#run-"]')].map((a) => a.getAttribute('href').slice(5))}));
  const links = [...document.querySelectorAll('a[href^="#run-"]')].map((a) => a.getAttribute('href').slice(5));
  const anchors = [...document.querySelectorAll('details.run')].map((d) => d.id.slice(4));
  const reproduce = [...document.querySelectorAll('details.run pre.command code')].map((c) => c.textContent);
  const data = JSON.parse(document.getElementById('report-data').textContent);
  return JSON.stringify({charts, runs, groups, links, anchors, reproduce,
                         page_errors: window.eorunReport.errors, title: document.title,
                         chart_library: data.chart_library,
                         best: data.best && {run_id: data.best.run_id, per_class: data.best.per_class,
                                             confusion: data.best.confusion,
                                             drawn: charts['per-class'] ? echarts.getInstanceByDom(
                                                 document.querySelector('[data-chart="per-class"]'))
                                                 .getOption().series[0].data : null}});
})()
"""


class DevTools:
    """One websocket to the browser; commands are answered in order, events are kept."""

    def __init__(self, url, timeout):
        self.socket = websocket.create_connection(url, timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method, session):
        for event in self.events:
            if event["method"] == method and event.get("sessionId") == session:
                return event
        while True:
            event = json.loads(self.socket.recv())
            if "method" in event:
                self.events.append(event)
                if event["method"] == method and event.get("sessionId") == session:
                    return event


def start_browser(profile, width):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--disable-background-networking", "--disable-extensions",
         "--disable-component-update", "--disable-sync", "--mute-audio", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={width},900",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Chromium prints its DevTools address on stderr once it listens: read until that line.
    for line in process.stderr:
        if line.startswith("DevTools listening on "):
            return process, line.split("DevTools listening on ", 1)[1].strip()
    process.wait()
    raise RuntimeError("chromium exited before it listened for DevTools")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--screenshot")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    page_url = pathlib.Path(args.report).resolve().as_uri()

    profile = tempfile.mkdtemp(prefix="eorun-report-browser-")
    process = None
    try:
        process, browser_url = start_browser(profile, args.width)
        tools = DevTools(browser_url, args.timeout)
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            tools.call(domain + ".enable", {}, session)
        tools.call("Emulation.setDeviceMetricsOverride",
                   {"width": args.width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
        first_event = len(tools.events)
        tools.call("Page.navigate", {"url": page_url}, session)
        tools.wait_for("Page.loadEventFired", session)
        ready = tools.call("Runtime.evaluate", {
            "expression": "window.eorunReport ? window.eorunReport.ready.then(() => true) : false",
            "awaitPromise": True, "returnByValue": True, "timeout": args.timeout * 1000}, session)
        page = json.loads(tools.call("Runtime.evaluate", {"expression": READ_PAGE, "returnByValue": True},
                                     session)["result"]["value"])

        console, exceptions, requests = [], [], []
        for event in tools.events[first_event:]:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                console.append({"level": params.get("type"), "text": text})
            elif method == "Log.entryAdded":
                entry = params["entry"]
                console.append({"level": entry.get("level"), "text": entry.get("text"), "source": entry.get("source")})
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                exceptions.append(details.get("exception", {}).get("description") or details.get("text"))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if url != page_url:
                    requests.append(url)
        page.update({
            "ready": ready.get("result", {}).get("value") is True,
            "console": console,
            "console_errors": [m for m in console if m["level"] in ("error", "assert")],
            "exceptions": exceptions,
            "requests": requests,
        })
        if args.screenshot:
            height = tools.call("Runtime.evaluate", {
                "expression": "document.documentElement.scrollHeight", "returnByValue": True}, session)
            full = int(height["result"]["value"])
            tools.call("Emulation.setDeviceMetricsOverride",
                       {"width": args.width, "height": full, "deviceScaleFactor": 1, "mobile": False}, session)
            shot = tools.call("Page.captureScreenshot", {"format": "png"}, session)
            pathlib.Path(args.screenshot).write_bytes(base64.b64decode(shot["data"]))
            page["screenshot"] = {"path": args.screenshot, "height": full}
        print(json.dumps(page))
        try:
            tools.call("Browser.close")
        except Exception:  # the browser closes the socket as it quits
            pass
        return 0
    except Exception as error:  # noqa: BLE001 - reported to the test as one line
        print(f"report_browser: {error}", file=sys.stderr)
        return 1
    finally:
        if process:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
