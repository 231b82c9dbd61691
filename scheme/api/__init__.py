"""The open-data API: the register, read-only and public, under /api/v1/."""
