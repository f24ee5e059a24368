"""The pure core: the meeting model, numbering, case editing and validation.

Nothing in this package reads or writes files or touches Word documents.
"""
