"""What happens to articles before the model sees them: clean, screen for suspect text, deduplicate,
focus (leave out what gives a brief nothing to check), chunk into passages."""
