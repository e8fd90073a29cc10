"""The samples' report as headless Chromium renders it: its charts show, every partnership id is in the
rendered text, and loading it makes no request but for the file itself.

Chromium is driven over its DevTools pipe (`--remote-debugging-pipe`: JSON messages ending in NUL on
file descriptors 3 and 4), so that one run gives the regions' positions (getBoundingClientRect), a
screenshot of the whole page to crop them from, the rendered text, and the log of every request the
page made (Network.requestWillBeSent sees file:, data: and http: alike, which a proxy would not).
Name resolution is also mapped to nothing, so even a request that slipped by could not leave.
Skipped when there is no `chromium` or `chromium-browser` (Debian: apt-get install chromium).
"""
from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iopcli.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH = 1200

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium or chromium-browser on PATH "
                                                         "(Debian: apt-get install chromium)")

# The regions to crop, and a colour each must show: the bar of an active agreement, the first
# municipality's money. Both come from the stylesheet by CSS class, so they show only when it applies.
REGIONS = {"timeline": ("#tidslinje svg.timeline", (0x1B, 0x5E, 0x20)),
           "money": ("#pengar svg.money", (0x1F, 0x4E, 0x79)),
           "deadlines": ("#frister table.deadlines", None)}
LAYOUT = """JSON.stringify({
  regions: Object.fromEntries(Object.entries(%s).map(([name, selector]) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return [name, [box.x, box.y + window.scrollY, box.width, box.height]];
  })),
  height: document.documentElement.scrollHeight,
  text: document.body.innerText,
})"""


class DevTools:
    """A headless Chromium and its DevTools pipe: send() a command, gather events on the way."""

    def __init__(self, binary: str, profile: Path):
        to_browser, from_browser = os.pipe(), os.pipe()
        # The pipe must be fds 3 (commands in) and 4 (replies out): bash puts them there, then execs.
        # Chromium's ends move above 9 first, so that putting one on 3 cannot overwrite the other.
        to_browser = (_above_9(to_browser[0]), to_browser[1])
        from_browser = (from_browser[0], _above_9(from_browser[1]))
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_browser[0]} 4>&{from_browser[1]}', binary,
             "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
             "--hide-scrollbars", "--mute-audio", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--force-device-scale-factor=1"],
            pass_fds=(to_browser[0], from_browser[1]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser[0])
        os.close(from_browser[1])
        self.commands, self.replies = to_browser[1], from_browser[0]
        self.pending, self.events, self.last_id = b"", [], 0

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.last_id:
                assert "error" not in reply, (method, reply["error"])
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._receive())
        return next(e for e in self.events if e.get("method") == method)

    def _receive(self, timeout: float = 60) -> dict:
        while b"\0" not in self.pending:
            ready, _, _ = select.select([self.replies], [], [], timeout)
            chunk = os.read(self.replies, 1 << 20) if ready else b""
            assert chunk, "chromium did not answer"
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=20)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.commands)
            os.close(self.replies)


def _above_9(fd: int) -> int:
    """Give a copy of fd numbered 10 or more, closing the original."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The samples' report loaded in Chromium: layout, rendered text, screenshot, requests made."""
    work = tmp_path_factory.mktemp("browser")
    db, report = work / "iop.db", work / "rapport.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["ingest", str(ROOT / "samples"), "--quiet"], ["report", "-o", str(report), "--today", "2025-06-01"]):
        done = subprocess.run([sys.executable, "-m", "iopcli", *args, "--db", str(db)], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
    with Catalogue(db, create=False) as catalogue:
        ids = [p["id"] for p in catalogue.partnerships()]
    browser = DevTools(CHROMIUM, work / "profile")
    try:
        target = browser.send("Target.createTarget", url="about:blank")["targetId"]
        session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Network.enable", "Page.enable"):
            browser.send(domain, session)
        browser.send("Emulation.setDeviceMetricsOverride", session, width=WIDTH, height=900, deviceScaleFactor=1,
                     mobile=False)
        browser.send("Page.navigate", session, url=report.as_uri())
        browser.wait_for("Page.loadEventFired")
        selectors = json.dumps({name: selector for name, (selector, _) in REGIONS.items()})
        layout = json.loads(browser.send("Runtime.evaluate", session, expression=LAYOUT % selectors,
                                         returnByValue=True)["result"]["value"])
        shot = browser.send("Page.captureScreenshot", session, format="png", captureBeyondViewport=True,
                            clip={"x": 0, "y": 0, "width": WIDTH, "height": layout["height"], "scale": 1})
    finally:
        browser.close()
    requests = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    failed = [e["params"] for e in browser.events if e.get("method") == "Network.loadingFailed"]
    return {"layout": layout, "png": base64.b64decode(shot["data"]), "requests": requests, "failed": failed,
            "url": report.as_uri(), "ids": ids}


def test_charts_and_deadlines_are_drawn(rendered):
    from PIL import Image

    page = Image.open(io.BytesIO(rendered["png"])).convert("RGB")
    for name, (_, colour) in REGIONS.items():
        x, y, width, height = rendered["layout"]["regions"][name]
        assert width > 300 and height > 40, (name, width, height)
        region = page.crop((int(x), int(y), int(x + width), int(y + height)))
        colours = region.getcolors(maxcolors=region.width * region.height)
        inked = sum(count for count, rgb in colours if sum(rgb) < 600) / (region.width * region.height)
        assert inked > 0.02, f"{name} is blank ({inked:.1%} inked)"
        if colour:
            assert any(all(abs(a - b) <= 12 for a, b in zip(rgb, colour)) for _, rgb in colours), f"{name} lacks {colour}"


def test_every_partnership_id_is_in_the_rendered_text(rendered):
    assert len(rendered["ids"]) == 4
    for pid in rendered["ids"]:
        assert pid in rendered["layout"]["text"]
    assert "Kommande frister" in rendered["layout"]["text"]


def test_the_page_requests_nothing_but_itself(rendered):
    assert rendered["requests"] == [rendered["url"]]
    assert rendered["failed"] == []
