"""Where and how the web chat listens: loopback by default, a password off loopback, no stray files.

Example::

    from snc_qa.settings import Settings
    from snc_qa.web_launch import launch_options
    launch_options(Settings())                       # server_name '127.0.0.1', auth None, …
    launch_options(Settings(host="0.0.0.0"))         # UnsafeListenError: set SNC_QA_AUTH=user:password …
    launch_options(Settings(host="0.0.0.0", auth="ana:secret"))["auth"]   # ('ana', 'secret')
"""

from __future__ import annotations

import ipaddress
import time
from collections import deque
from pathlib import Path
from typing import Any

from snc_qa.settings import Settings

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class UnsafeListenError(ValueError):
    """The web chat was asked to listen where it should not; the message gives the way out."""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``: addresses only this computer can reach.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0"), is_loopback("192.168.1.5")
    (True, True, False, False)
    """
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so it is not trusted as loopback


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """``"user:password"`` as a pair (the password may contain ``:``); None when unset.

    >>> parse_auth("ana:se:cret")
    ('ana', 'se:cret')
    """
    if auth is None or not auth.strip():
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user.strip() or not password:
        # The value itself is never echoed: it is a password.
        raise UnsafeListenError("SNC_QA_AUTH must look like user:password, with both parts non-empty.")
    return user.strip(), password


class LoginThrottle:
    """ASGI middleware: after ``attempts`` failed logins from one address within ``window`` seconds, that
    address gets 429 (with ``Retry-After``) until the oldest failure leaves the window.

    Gradio's login route checks a password as fast as it is asked, so without this a script can try
    thousands a minute. Other requests, and other addresses, are not slowed.
    """

    def __init__(self, app, attempts: int = 5, window: float = 60.0) -> None:
        self.app = app
        self.attempts = attempts
        self.window = window
        self.failures: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float]:
        recent = self.failures.setdefault(client, deque())
        while recent and now - recent[0] > self.window:
            recent.popleft()
        return recent

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST" or not scope["path"].rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown",))[0]
        now = time.monotonic()
        recent = self._recent(client, now)
        if len(recent) >= self.attempts:
            from starlette.responses import JSONResponse

            wait = max(1, int(self.window - (now - recent[0])) + 1)
            response = JSONResponse({"detail": f"Too many failed logins; try again in {wait} s."}, status_code=429,
                                    headers={"Retry-After": str(wait)})
            await response(scope, receive, send)
            return
        status: dict[str, int] = {}

        async def watch(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status.get("code") in (400, 401, 403):
            recent.append(time.monotonic())
        elif not recent:
            self.failures.pop(client, None)  # nothing to remember for this address


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch`` from the settings, refusing an unsafe setup.

    Off loopback (``SNC_QA_HOST=0.0.0.0``, a LAN address, a host name) a password is required,
    because anyone who can reach the port can read, add and delete documents.
    The documents, index and model folders are blocked from Gradio's file route, and nothing
    else is allowed: the only files served are Gradio's own and the uploads it created.
    """
    auth = parse_auth(settings.web.auth)
    if not is_loopback(settings.web.host) and auth is None:
        raise UnsafeListenError(
            f"Refusing to serve the web chat on {settings.web.host}:{settings.web.port} without a password: anyone who "
            "can reach it could read, add and delete documents. Set SNC_QA_AUTH=user:password, or listen on "
            "127.0.0.1 (SNC_QA_HOST or --host)."
        )
    folders = [settings.storage.documents_dir, settings.storage.index_dir, settings.storage.cache_dir]
    # Gradio refuses bigger uploads before they reach disk; below this the chat's own check answers in words.
    hard_limit_mb = 2 * settings.web.max_upload_mb + 1
    app_kwargs: dict[str, Any] = {}
    if auth is not None:
        from starlette.middleware import Middleware

        app_kwargs["middleware"] = [Middleware(LoginThrottle, attempts=settings.web.login_attempts, window=60.0)]
    return {
        "app_kwargs": app_kwargs,
        "server_name": settings.web.host,
        "server_port": settings.web.port,
        "auth": auth,
        "auth_message": "snc-qa" if auth else None,
        "allowed_paths": [],
        "blocked_paths": [str(Path(folder).expanduser().resolve()) for folder in folders],
        "max_file_size": hard_limit_mb * 1024 * 1024,
        "show_error": True,
        "ssr_mode": False,
        "pwa": False,
        "mcp_server": False,
        "enable_monitoring": False,
        "footer_links": ["api", "settings"],
    }
