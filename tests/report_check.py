"""Checks of the HTML report for tests/test_html_report.cpp; run with Debian's /usr/bin/python3.

  report_check.py parse REPORT.html
      Parses the file with html5lib in strict mode: any HTML5 parse error fails.
  report_check.py compare DOM.html SUMMARY.json
      DOM.html is Chromium's --dump-dom of a report, SUMMARY.json `gemba-cli summary --json` of the
      same files. Every element with data-key must carry the summary's value of that member
      (data-value, "null" when missing), and every step, queue and waste of the summary must have
      its row. Prints how many numbers were compared.

Exit code 0 when the check passes, 1 with the reasons on stderr otherwise.
"""
import json
import sys

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"
ROW_KINDS = ("data-step-id", "data-queue-id", "data-vs-step-id", "data-waste")
# Numbers the report derives from the summary (not members of it): key -> function of the session.
DERIVED = {
    "units_per_hour": lambda s: None if not s["standard_time_ms"] else 3600000.0 / s["standard_time_ms"],
    "standard_hours_per_100": lambda s: None if not s["standard_time_ms"] else s["standard_time_ms"] * 100 / 3600000.0,
}
# The members the report must show for every session.
REQUIRED = {"work_content_ms", "standard_time_ms", "cycle_time_ms", "lead_time_ms", "waiting_ms", "flow_efficiency",
            "takt_ms", "cycle_time_over_takt", "value_added_ms", "value_added_share", "necessary_ms",
            "non_value_added_ms", "balance_efficiency", "required_cycles", "more_cycles", "observed_ms", "z",
            "units_per_hour", "standard_hours_per_100", "waste_total"}

problems = []
compared = 0


def data_value(text):
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    return float(text)


def check(where, key, dom_text, expected):
    global compared
    compared += 1
    try:
        got = data_value(dom_text)
    except ValueError:
        problems.append(f"{where}: {key}: data-value {dom_text!r} is not a number")
        return
    if isinstance(expected, bool) or expected is None:
        ok = got == expected
    elif got is None or isinstance(got, bool):
        ok = False
    else:
        ok = got == float(expected) or abs(got - expected) <= 1e-12 * max(1.0, abs(expected))
    if not ok:
        problems.append(f"{where}: {key}: the page says {dom_text}, summary --json {expected!r}")


def walk(element, row=None):
    """(element, enclosing row element or None) for every element with data-key under element."""
    for child in element:
        child_row = row
        if child.tag == NS + "tr" and any(k in child.attrib for k in ROW_KINDS):
            child_row = child
        if "data-key" in child.attrib:
            yield child, child_row
        yield from walk(child, child_row)


def find_all(element, tag, attribute):
    return [e for e in element.iter(NS + tag) if attribute in e.attrib]


def compare_rows(where, rows, attribute, items, id_of):
    by_id = {str(id_of(item)): item for item in items}
    seen = set()
    for row in rows:
        row_id = row.attrib[attribute]
        if row_id not in by_id:
            problems.append(f"{where}: a row {attribute}={row_id} the summary does not have")
            continue
        seen.add(row_id)
        for cell, _ in walk(row):
            key = cell.attrib["data-key"]
            if key not in by_id[row_id]:
                problems.append(f"{where} {row_id}: {key} is not a member of the summary")
            else:
                check(f"{where} {row_id}", key, cell.attrib.get("data-value", ""), by_id[row_id][key])
    return seen, set(by_id)


def compare(dom_path, summary_path):
    with open(dom_path, "rb") as f:
        document = html5lib.parse(f.read())
    with open(summary_path, encoding="utf-8") as f:
        summary = json.load(f)
    sections = [s for s in document.iter(NS + "section") if "data-session" in s.attrib]
    if len(sections) != len(summary["sessions"]):
        problems.append(f"{len(sections)} session sections for {len(summary['sessions'])} sessions")
    for section, session in zip(sections, summary["sessions"]):
        where = session["file"]
        shown = set()
        for cell, row in walk(section):
            if row is not None:
                continue
            key = cell.attrib["data-key"]
            shown.add(key)
            value = cell.attrib.get("data-value", "")
            if key.startswith("value_stream."):
                member = key.split(".", 1)[1]
                if "value_stream" not in session or member not in session["value_stream"]:
                    problems.append(f"{where}: {key} is not in the summary")
                else:
                    check(where, key, value, session["value_stream"][member])
            elif key in DERIVED:
                check(where, key, value, DERIVED[key](session))
            elif key not in session:
                problems.append(f"{where}: {key} is not a member of the summary")
            else:
                check(where, key, value, session[key])
        for key in sorted(REQUIRED - shown):
            problems.append(f"{where}: {key} is not on the page")
        rows = find_all(section, "tr", "data-step-id")
        seen, wanted = compare_rows(where + " step", rows, "data-step-id", session["steps"], lambda s: s["step_id"])
        if seen != wanted:
            problems.append(f"{where}: steps without a row: {sorted(wanted - seen)}")
        tagged = [w for w in session["waste_pareto"] if w["count"] > 0]
        seen, wanted = compare_rows(where + " waste", find_all(section, "tr", "data-waste"), "data-waste", tagged,
                                    lambda w: w["waste"])
        if seen != wanted:
            problems.append(f"{where}: wastes without a row: {sorted(wanted - seen)}")
        stream = session.get("value_stream")
        queue_rows = find_all(section, "tr", "data-queue-id")
        vs_rows = find_all(section, "tr", "data-vs-step-id")
        if stream is None:
            if queue_rows or vs_rows:
                problems.append(f"{where}: value stream rows without a value stream")
            continue
        seen, wanted = compare_rows(where + " queue", queue_rows, "data-queue-id", stream["queues"],
                                    lambda q: q["queue_id"])
        if seen != wanted:
            problems.append(f"{where}: queues without a row: {sorted(wanted - seen)}")
        seen, wanted = compare_rows(where + " ladder", vs_rows, "data-vs-step-id", stream["steps"],
                                    lambda s: s["step_id"])
        if seen != wanted:
            problems.append(f"{where}: ladder steps without a row: {sorted(wanted - seen)}")
    combined = [s for s in document.iter(NS + "section") if s.attrib.get("data-part") == "combined_waste_pareto"]
    if len(summary["sessions"]) > 1:
        if len(combined) != 1:
            problems.append("no combined waste tally")
        else:
            tagged = [w for w in summary["combined_waste_pareto"] if w["count"] > 0]
            seen, wanted = compare_rows("combined", find_all(combined[0], "tr", "data-waste"), "data-waste", tagged,
                                        lambda w: w["waste"])
            if seen != wanted:
                problems.append(f"combined: wastes without a row: {sorted(wanted - seen)}")
    # The embedded session data: one inert JSON block per session, nothing executable.
    for script in document.iter(NS + "script"):
        if script.attrib.get("type") != "application/json":
            problems.append("a <script> that is not a JSON data block")
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError as error:
            problems.append(f"{script.attrib.get('id')}: embedded session JSON does not parse: {error}")
            continue
        index = int(script.attrib.get("id", "gemba-session-x").rsplit("-", 1)[1])
        if data.get("title", "") != summary["sessions"][index]["title"]:
            problems.append(f"{script.attrib.get('id')}: embedded session has another title")
    if len(list(document.iter(NS + "script"))) != len(summary["sessions"]):
        problems.append("not one embedded session per session")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "parse":
        with open(sys.argv[2], "rb") as f:
            try:
                html5lib.HTMLParser(strict=True).parse(f.read())
            except html5lib.html5parser.ParseError as error:
                problems.append(f"{sys.argv[2]}: HTML5 parse error: {error}")
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
        if compared == 0:
            problems.append("no number compared")
        print(f"compared {compared} numbers")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
