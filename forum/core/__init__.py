"""The forum core: it knows no plugin; plugins use ``forum.core.api`` and the hook specs."""
