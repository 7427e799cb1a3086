"""Locust users for benchmark 4: a province officer reading every list and aggregate page.

Each simulated user logs in once (Django's login form, CSRF included), then reads pages with a
second or so between them, as a person does: each time one of the pages the runner lists
(``BENCH_PAGES``, bench/bench_pages.py ``pages()``: dashboards, grids, monitoring checks,
rankings, registers, the API lists), each page equally often, a ``{system}`` in its path
replaced by a random system of the province; and, as often as one page, the baseline (the login
form). The runner passes the paths and credentials in the environment.
"""

from __future__ import annotations

import json
import os
import random

import gevent
from locust import FastHttpUser, between, events, task

PAGES: dict[str, str] = json.loads(os.environ.get("BENCH_PAGES", '{"dashboard": "/dashboard/"}'))
SYSTEMS = [int(x) for x in os.environ.get("BENCH_SYSTEMS", "1").split(",") if x]
BASELINE = ("baseline (login form)", "/login/")
USERNAME = os.environ.get("BENCH_USERNAME", "bench137_officer")
PASSWORD = os.environ.get("BENCH_PASSWORD", "jixiao-bench")
USERS = int(os.environ.get("BENCH_USERS", "20"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
LOGGED_IN: list[str] = []


def measured_window(environment: object) -> None:
    """Once every user is logged in: forget the figures so far, stop after SECONDS.

    Logging in hashes a password on purpose slowly (PBKDF2); the goal is about pages, so the
    measured window starts when the last user is in.
    """
    environment.runner.stats.reset_all()
    environment.events.request.fire(
        request_type="MARK",
        name="window start",
        response_time=0,
        response_length=0,
        exception=None,
        context={},
    )
    gevent.spawn_later(SECONDS, environment.runner.quit)


@events.init.add_listener
def _on_init(environment: object, **_: object) -> None:
    LOGGED_IN.clear()


class Officer(FastHttpUser):
    """A province officer (绩效管理员) browsing the year's figures.

    ``FastHttpUser`` (geventhttpclient) rather than ``HttpUser`` (requests): the load
    generator shares the machine's two cores with the server, and it spends several times
    less CPU per request, which the server then has.
    """

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        """Log in through the real login form."""
        self.client.get("/login/", name="login (form)")
        token = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        self.client.post(
            "/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="login (post)",
        )
        LOGGED_IN.append(USERNAME)
        if len(LOGGED_IN) == USERS:
            measured_window(self.environment)

    @task
    def page(self) -> None:
        """One page (or the baseline), all equally often."""
        name, path = random.choice([*PAGES.items(), BASELINE])
        path = path.replace("{system}", str(random.choice(SYSTEMS)))
        self.client.get(path, name=name)
