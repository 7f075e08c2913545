"""Pure string tools: sentences, numbers, names, words and word lists, quantities, roles, dates,
copied runs, boilerplate lines, and the spaCy parser wrapper. No articles, passages or model."""
