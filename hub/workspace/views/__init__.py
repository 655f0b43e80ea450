"""The assessor's workspace pages: an overview with the completeness panel, and one page per section.

One module per section as the assessor sees it (overview, sessions, chronology, sources,
household, frameworks, history), and `common` for what they share.

Views stay thin: they check who is asking (only the allocated assessor and the
service manager; anyone else gets a 404), log the access, validate a form, call a
service and render. A form posted by the autosave script (header X-Autosave) is
saved the same way and answered with JSON instead of a page.
"""
