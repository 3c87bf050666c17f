"""
Mixed load for `make loadtest`: residents browse pages and the API, and some share ideas.

Every idea that got the thank-you page is written to the file named by LOADTEST_THANKED
(one title a line), so the run can check afterwards that each of them is in the database.
"""

import os
import re
import time
import uuid

from locust import HttpUser, between, events, task

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
HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"')
thanked = []


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
        form = self.client.get("/idejos/", name="/idejos/ (form)")
        fields = dict(HIDDEN.findall(form.text))
        if "started" not in fields:
            return
        time.sleep(1.2)  # a person needs longer than the form's minimum fill time
        title = f"Apkrovos idėja {uuid.uuid4().hex[:12]}"
        with self.client.post(
            "/idejos/",
            data={
                **fields,
                "title": title,
                "description": "Daugiau suoliukų ir medžių prie Nemuno pakrantės takų.",
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


@events.quitting.add_listener
def write_thanked(environment, **kwargs):
    path = os.environ.get("LOADTEST_THANKED")
    if path:
        with open(path, "w") as output:
            output.write("\n".join(thanked))
