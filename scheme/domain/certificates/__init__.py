"""Certificates: numbering and codes, eligibility, life cycle, printing, the public page and its scan counts."""
