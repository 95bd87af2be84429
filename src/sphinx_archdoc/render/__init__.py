"""Docutils node builders: item blocks, tables and other generated output."""
