"""
Mixed load for `make loadtest`: residents browse pages and the API, and some share ideas (the
ideas thanked are noted as bench/idea_sender.py says).
"""

from locust import HttpUser, between, task

from bench.idea_sender import share_idea

PAGES = [
    "/",
    "/en/",
    "/apie/",
    "/strategija/",
    "/en/strategy/",
    "/dokumentai/",
    "/kvietimai/",
    "/en/calls/",
    "/iniciatyvos/",
    "/idejos/",
    "/search/?q=bendruomen%C4%97",
    "/kvietimai/ics/",
]
API = [
    "/api/v1/calls?locale=lt",
    "/api/v1/calls?locale=en&limit=50",
    "/api/v1/ideas?locale=lt",
    "/api/v1/navigation?locale=en",
    "/api/v1/strategy?locale=lt",
]


class Resident(HttpUser):
    wait_time = between(0.5, 2)

    @task(6)
    def browse(self):
        for path in PAGES[self.environment.runner.user_count % 3 :: 3]:
            self.client.get(path, name=path)

    @task(2)
    def read_api(self):
        for path in API:
            self.client.get(path, name=path.split("?")[0])

    @task(1)
    def share_idea(self):
        share_idea(self, "Apkrovos idėja")
