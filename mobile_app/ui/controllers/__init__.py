"""One controller per follow-up feature (diary, summary, clinic); the session's own controller (navigation and
the check, which owns these) is ui.controller.Controller. Each changes its part of the records or of the Session,
saves it, and shows it through the session's controller."""
