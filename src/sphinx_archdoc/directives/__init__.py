"""Directives: items (collect data) and summaries (generated at build time)."""
