"""Writing with the model: the briefer and its prompts' replies, generation with validation and one
repair, per-article briefs, near copies, compression and rewording, the story across outlets, the
brief cache. Every sentence is checked by `briefing.check`."""
