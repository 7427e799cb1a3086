"""Locust users for benchmark 4: a province officer reading the dashboard, grids and the API.

Each simulated user logs in once (Django's login form, CSRF included), then reads pages with a
second or so between them, as a person does: the dashboard (weight 1), the results grid of a
random system of the province (weight 2), the API's list of systems (weight 1). The runner
(bench/bench_pages.py) passes the paths and credentials in the environment.
"""

from __future__ import annotations

import os
import random

import gevent
from locust import HttpUser, between, events, task

DASHBOARD = os.environ.get("BENCH_DASHBOARD", "/dashboard/")
SYSTEMS = [int(x) for x in os.environ.get("BENCH_SYSTEMS", "1").split(",") if x]
API_LIST = os.environ.get("BENCH_API_LIST", "/api/systems?year=2023")
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


class Officer(HttpUser):
    """A province officer (绩效管理员) browsing the year's figures."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        """Log in through the real login form."""
        self.client.get("/login/", name="login (form)")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="login (post)",
        )
        LOGGED_IN.append(USERNAME)
        if len(LOGGED_IN) == USERS:
            measured_window(self.environment)

    @task(1)
    def dashboard(self) -> None:
        """The dashboard of the officer's province."""
        self.client.get(DASHBOARD, name="dashboard")

    @task(2)
    def results_grid(self) -> None:
        """The results grid (完成情况填报) of one system."""
        system = random.choice(SYSTEMS)
        self.client.get(f"/systems/{system}/results/", name="results grid")

    @task(1)
    def api_list(self) -> None:
        """The API's paginated list of systems."""
        self.client.get(API_LIST, name="api systems")
