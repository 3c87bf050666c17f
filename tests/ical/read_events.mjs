// Reads an iCalendar file on stdin with ical.js and prints each event's UID, start and end as
// UTC instants, converted through the VTIMEZONE blocks of the file itself (as calendar apps
// that use ical.js do), as JSON.
import ICAL from "ical.js";

let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;

const calendar = new ICAL.Component(ICAL.parse(text));
for (const block of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(block));
}
const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    start: utc(event.startDate),
    end: component.hasProperty("dtend") ? utc(event.endDate) : null,
    tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
  };
});
process.stdout.write(JSON.stringify(events));
