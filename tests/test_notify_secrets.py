"""A failed notification's reason names no token of its URL (review3).

apprise's DEBUG "Socket Exception" line, which the reason quotes, holds requests' "with url: /path";
a webhook's token is often a path segment (Discord, Slack, ``json://host/hook/TOKEN``) and a Telegram
bot token stands in the host part. Real apprise, a real refused connection on loopback.
"""

from __future__ import annotations

import logging
import socket

import apprise

from archiver.watch import notify

TOKEN = "SECRETPATHTOKEN1234567"


def _refused_port() -> int:
    with socket.socket() as s:  # bound, then closed: nothing listens there
        s.bind(("127.0.2.251", 0))
        return s.getsockname()[1]


def test_a_path_token_is_not_in_the_failure_reason():
    url = f"json://127.0.2.251:{_refused_port()}/hook/{TOKEN}"
    notifier = apprise.Apprise(asset=apprise.AppriseAsset(http_redirects=False))
    notifier.add(url)
    with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as captured:
        assert not notifier.notify(title="t", body="b")
    lines = captured.getvalue().splitlines()
    assert any(TOKEN in line for line in lines)  # apprise does log it
    reason = notify.reason_of(lines, notify._secrets(url))
    assert TOKEN not in reason and "Connection refused" in reason.replace("ref…", "refused")


def test_the_token_parts_of_notification_urls_are_secrets():
    assert "AAHsecretTOKENxyz" in notify._secrets("tgram://123456789:AAHsecretTOKENxyz/987654")
    assert "JHMHI8qBe7bk2ZwO5U711o3dV_js" in notify._secrets("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js")
    assert "hooks.example.org" not in notify._secrets("json://hooks.example.org/archiver")
    assert "p@ss" in notify._secrets("mailto://user:p%40ss@smtp.example.org?to=desk@example.org")
