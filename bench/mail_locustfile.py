"""
Residents sending ideas, each with an e-mail address, and reading the ideas API, for
`make loadtest-mail` (the ideas thanked are noted as bench/idea_sender.py says).
"""

from locust import HttpUser, between, task

from bench.idea_sender import share_idea


class IdeaSender(HttpUser):
    wait_time = between(0.5, 2)

    @task(3)
    def share_idea(self):
        share_idea(self, "Pašto idėja", with_email=True)

    @task(1)
    def read_api(self):
        self.client.get("/api/v1/ideas?locale=lt", name="/api/v1/ideas")
