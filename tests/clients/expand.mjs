// Expands .ics files the way two real clients do, for tests/render/test_clients.py.
// Usage: node expand.mjs FROM TO FILE... (FROM and TO as YYYY-MM-DD, UTC)
// Prints {file: {"ical.js": [...], "node-ical": [...]}}; each occurrence is
// [uid, start, end, status], times as UTC "YYYY-MM-DDTHH:MMZ", all-day dates as "YYYY-MM-DD".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import ICAL from "ical.js";

const require = createRequire(import.meta.url);
const nodeIcal = require("node-ical");

const [from, to, ...files] = process.argv.slice(2);
const fromDate = new Date(`${from}T00:00:00Z`);
const toDate = new Date(`${to}T00:00:00Z`);

const minute = (date) => date.toISOString().slice(0, 16) + "Z";

function icaljsTime(time) {
  return time.isDate ? time.toString() : minute(time.toJSDate());
}

function withIcaljs(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Thunderbird reads the zone the file defines: register it, so no built-in zone stands in.
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const found = [];
  const until = ICAL.Time.fromJSDate(toDate, true);
  const since = ICAL.Time.fromJSDate(fromDate, true);
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (event.isRecurrenceException()) continue;
    const status = component.getFirstPropertyValue("status") || "";
    const iterator = event.iterator();
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (next.compare(until) >= 0) break;
      const details = event.getOccurrenceDetails(next);
      if (details.endDate.compare(since) <= 0) continue;
      // A changed date is its override's: its own times and status.
      const own = details.item.component.getFirstPropertyValue("status") || status;
      found.push([event.uid, icaljsTime(details.startDate), icaljsTime(details.endDate), own]);
      if (!event.isRecurring()) break;
    }
  }
  return found;
}

function localDay(date) {
  // node-ical gives an all-day date as local midnight of this process's zone.
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function withNodeIcal(text) {
  const found = [];
  for (const item of Object.values(nodeIcal.sync.parseICS(text))) {
    // Overrides of single dates (RECURRENCE-ID) are read through their series.
    if (item.type !== "VEVENT" || item.recurrenceid) continue;
    const instances = nodeIcal.expandRecurringEvent(item, { from: fromDate, to: toDate, expandOngoing: true });
    for (const instance of instances) {
      const day = instance.isFullDay;
      if (!day && instance.end <= fromDate) continue;
      found.push([
        item.uid,
        day ? localDay(instance.start) : minute(instance.start),
        day ? localDay(instance.end) : minute(instance.end),
        (instance.event || item).status || "",
      ]);
    }
  }
  return found;
}

const result = {};
for (const file of files) {
  const text = readFileSync(file, "utf8");
  result[file] = { "ical.js": withIcaljs(text), "node-ical": withNodeIcal(text) };
}
process.stdout.write(JSON.stringify(result));
