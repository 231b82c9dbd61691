"""Officers' visits: audits answered standard by standard, covert test visits, and the actions they set."""
