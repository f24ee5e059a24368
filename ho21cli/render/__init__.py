"""Renderers: one module per document kind, all from Word templates."""
