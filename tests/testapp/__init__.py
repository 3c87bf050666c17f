"""
A form-builder page type that exists only in the test settings, so the API's leak tests can
check that a form page's e-mail addresses and submissions never appear, whichever plugin
later adds editor-built forms to the portal.
"""
