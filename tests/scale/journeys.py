"""The pages of the three journeys, as the scale tests and bench/items.py open them: a head
opens their agency's list and an item; the office its overdue list, statistics and dashboard;
the leader the dashboard; everyone the items list."""

HEAD = "head.syt@tracker.demo"
OFFICE = "office@tracker.demo"
LEADER = "leader@tracker.demo"
#: (who, page); "{item}" is an item the head's agency leads.
JOURNEY_PAGES = [
    (HEAD, "/agency/"),
    (HEAD, "/items/"),
    (HEAD, "/items/{item}"),
    (OFFICE, "/office/overdue"),
    (OFFICE, "/reports/agencies"),
    (OFFICE, "/"),
    (OFFICE, "/items/"),
    (OFFICE, "/items/{item}"),
    (LEADER, "/"),
    (LEADER, "/items/"),
]
