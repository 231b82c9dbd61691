"""People who sign in: users, passwords, once-only links, registration, colleagues, officer and admin accounts."""
