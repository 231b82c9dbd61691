"""The open register: the accredited premises as the public, re-users and the badge see them.

One query (entries.py) is behind the directory, the API, the bulk files and the badge, and
it derives the public status from the same rules as the public page behind every sticker
(scheme.domain.certificates.state), so none of them can disagree with `/v/<code>`.
"""
