"""One router per resource: briefs, jobs, health."""
