"""
What both load tests' residents do to share an idea (bench/locustfile.py, bench/mail_locustfile.py):
open the form, wait as a person would, send it, and note each idea that got the thank-you page.
The titles noted are written to the file named by LOADTEST_THANKED (one a line) when locust
quits, so a run can check afterwards that each of them is in the database.
"""

import os
import re
import time
import uuid

from locust import events

HIDDEN = re.compile(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"')
thanked = []


def share_idea(user, title_prefix, *, with_email=False):
    form = user.client.get("/idejos/", name="/idejos/ (form)")
    fields = dict(HIDDEN.findall(form.text))
    if "started" not in fields:
        return
    time.sleep(1.2)  # a person needs longer than the form's minimum fill time
    token = uuid.uuid4().hex[:12]
    title = f"{title_prefix} {token}"
    data = {
        **fields,
        "title": title,
        "description": "Daugiau suoliukų ir medžių prie Nemuno pakrantės takų.",
        "consent": "on",
    }
    if with_email:
        data["email"] = f"gyventojas-{token}@example.org"
    with user.client.post(
        "/idejos/",
        data=data,
        headers={"Referer": user.host + "/idejos/"},
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
