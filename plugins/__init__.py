"""Plugins shipped with the forum engine; a community enables them in its config."""
