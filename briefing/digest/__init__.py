"""The daily email digest: feeds in, one cited briefing per story out, sent once."""
