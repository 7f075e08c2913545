"""Checks of a claim against source passages: structure from a parser, entailment from the model."""
