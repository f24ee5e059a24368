"""What each command does, as plain functions: load, call the core, save.

The CLI parses options and prints; these functions neither print nor exit.
"""
