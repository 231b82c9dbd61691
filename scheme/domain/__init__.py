"""The scheme's rules as plain functions. The only layer that queries or commits."""
