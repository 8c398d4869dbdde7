"""A headless Chromium, driven through the DevTools protocol over a pipe (standard
library only): open a page at a window's size, as a phone or a desktop shows it, and
run a script in it. The documentation's layout tests measure the built pages with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from typing import Any

import pytest

# The names Debian, Ubuntu and Google give the browser.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The browser's path: $CHROMIUM, or the first of NAMES on PATH; None without."""
    given = os.environ.get("CHROMIUM")
    if given:
        return given
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The browser; a missing one fails under CI (CI=true: .ci/run installs it) and is
    skipped elsewhere, saying how to get it."""
    found = find_chromium()
    if found is None:
        message = (
            "no Chromium to measure the pages in: install it (apt-get install "
            f"chromium), or name it in $CHROMIUM; looked for {', '.join(NAMES)}"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


class Browser:
    """One headless browser; each `evaluate` opens a page in a tab of its own."""

    def __init__(self, executable: str) -> None:
        to_browser, self._commands = os.pipe()
        self._replies, from_browser = os.pipe()

        def pipes_at_3_and_4() -> None:
            # The protocol's pipe: the browser reads commands on 3 and writes on 4.
            # Both are moved out of the way first, so that neither dup2 closes the
            # other.
            reading, writing = os.dup2(to_browser, 100), os.dup2(from_browser, 101)
            os.dup2(reading, 3)
            os.dup2(writing, 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=pipes_at_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._last = 0
        self._events: list[dict[str, Any]] = []

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def send(self, method: str, session: str | None = None, **params: Any) -> Any:
        self._last += 1
        message: dict[str, Any] = {"id": self._last, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._last:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self._events.append(reply)

    def _wait(self, method: str, session: str) -> None:
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return
            self._events.append(self._read())

    def evaluate(self, url: str, width: int, height: int, script: str) -> Any:
        """`script`'s value in the page at `url`, loaded in a window of width x height
        CSS pixels (a phone's, with its viewport, below 600)."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        try:
            self.send("Page.enable", session)
            self.send(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            self.send("Page.navigate", session, url=url)
            self._wait("Page.loadEventFired", session)
            result = self.send(
                "Runtime.evaluate", session, expression=script, returnByValue=True
            )
            if "exceptionDetails" in result:
                raise RuntimeError(f"the script failed: {result['exceptionDetails']}")
            return result["result"].get("value")
        finally:
            self.send("Target.closeTarget", targetId=target)

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._replies)
