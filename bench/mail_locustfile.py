"""
Residents sending ideas, each with an e-mail address, and reading the ideas API, for
`make loadtest-mail`. Every idea that got the thank-you page is written to the file named by
LOADTEST_THANKED (one title a line), so the run can check that each is in the database.
"""

import os
import re
import time
import uuid

from locust import HttpUser, between, events, task

HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"')
thanked = []


class IdeaSender(HttpUser):
    wait_time = between(0.5, 2)

    @task(3)
    def share_idea(self):
        form = self.client.get("/idejos/", name="/idejos/ (form)")
        fields = dict(HIDDEN.findall(form.text))
        if "started" not in fields:
            return
        time.sleep(1.2)  # a person needs longer than the form's minimum fill time
        token = uuid.uuid4().hex[:12]
        title = f"Pašto idėja {token}"
        with self.client.post(
            "/idejos/",
            data={
                **fields,
                "title": title,
                "description": "Daugiau suoliukų ir medžių prie Nemuno pakrantės takų.",
                "email": f"gyventojas-{token}@example.org",
                "consent": "on",
            },
            headers={"Referer": self.host + "/idejos/"},
            allow_redirects=False,
            name="/idejos/ (send)",
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/aciu/" in response.headers.get("Location", ""):
                thanked.append(title)
                response.success()
            else:
                response.failure(f"not thanked: {response.status_code}")

    @task(1)
    def read_api(self):
        self.client.get("/api/v1/ideas?locale=lt", name="/api/v1/ideas")


@events.quitting.add_listener
def write_thanked(environment, **kwargs):
    path = os.environ.get("LOADTEST_THANKED")
    if path:
        with open(path, "w") as output:
            output.write("\n".join(thanked))
