"""Locust users for bench/bench_web.py: signed-in staff paging through a ledger list with
filters and sorting. Run by bench_web.py (which starts gunicorn and signs the users in);
by hand:

    FAZHI_BENCH_COOKIES='sessionid=abc,sessionid=def' locust -f bench/locustfile.py --headless \
        -u 20 -r 20 --run-time 60s --host http://127.0.0.1:8000

FAZHI_BENCH_COOKIES  comma-separated name=value session cookies, one per simulated user (reused round robin)
FAZHI_BENCH_LEDGER   the list page (default /s/study/)
FAZHI_BENCH_THINK    seconds between a user's requests, "min,max" (default "1,3"; "0,0" for no pause)
FAZHI_BENCH_YEARS    years to filter by, comma-separated (default 2022,2023,2024)
FAZHI_BENCH_SORTS    sort keys, comma-separated (default the study ledger's)
FAZHI_BENCH_FILTER   "field=v1|v2" for the filtered requests (default kind=topic|central_group|lecture|first_item)
FAZHI_BENCH_TERMS    search terms, comma-separated
"""

from __future__ import annotations

import itertools
import os
import random

from locust import HttpUser, between, task

COOKIES = itertools.cycle([c for c in os.environ.get("FAZHI_BENCH_COOKIES", "").split(",") if "=" in c] or [""])
LEDGER = os.environ.get("FAZHI_BENCH_LEDGER", "/s/study/")
THINK = [float(x) for x in os.environ.get("FAZHI_BENCH_THINK", "1,3").split(",")]
YEARS = os.environ.get("FAZHI_BENCH_YEARS", "2022,2023,2024").split(",")
SORTS = os.environ.get("FAZHI_BENCH_SORTS", "-held_on,held_on,title,-year,unit,-next_due").split(",")
# FAZHI_BENCH_FILTER "field=v1|v2|…": the filter of the filtered requests (default the study kind)
FILTER_NAME, _, FILTER_VALUES = os.environ.get("FAZHI_BENCH_FILTER",
                                               "kind=topic|central_group|lecture|first_item").partition("=")
KINDS = FILTER_VALUES.split("|")
TERMS = os.environ.get("FAZHI_BENCH_TERMS", "专题,法治,讲座,研究").split(",")


class ListUser(HttpUser):
    wait_time = between(*THINK)

    def on_start(self) -> None:
        cookie = next(COOKIES)
        if cookie:
            name, value = cookie.split("=", 1)
            self.client.cookies.set(name, value)

    def _get(self, params: dict, name: str) -> None:
        with self.client.get(LEDGER, params=params, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code} {r.error or ''}"[:200])
            elif "共" not in r.text:  # the page count line: a real list page, not the login form
                r.failure("not a list page")

    @task(4)
    def filtered_sorted(self) -> None:
        self._get({"year": random.choice(YEARS), FILTER_NAME: random.choice(KINDS), "sort": random.choice(SORTS)},
                  f"list: year + {FILTER_NAME} filter, sorted")

    @task(2)
    def deep_page(self) -> None:
        self._get({"year": random.choice(YEARS), "sort": random.choice(SORTS), "page": random.randint(2, 50)},
                  "list: year filter, page 2-50")

    @task(1)
    def search(self) -> None:
        self._get({"q": random.choice(TERMS), "sort": SORTS[0]}, "list: search")

    @task(1)
    def first_page(self) -> None:
        self._get({}, "list: first page")
