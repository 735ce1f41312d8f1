"""Follow-up features on top of the rules core: the cramp diary, the last checks and their comparison, the summary
for a doctor and the clinic handout (PDF), clinic links, and answer labels. Pure Python, never imports flet; the
rules core (mobile_app.core) never imports this package."""
