"""Premises joining the scheme: applications, review, the officer's and business's pages, work queues."""
