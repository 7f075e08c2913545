"""briefing: cited news briefs written by a local quantized LLM."""

__version__ = "0.1.0"
