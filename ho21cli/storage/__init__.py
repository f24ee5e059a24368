"""Storage: the archive folder, meeting manifests and the council profile on disk."""
