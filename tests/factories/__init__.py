"""Factories for every page type (wagtail-factories), one module per plugin."""
