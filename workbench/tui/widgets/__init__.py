"""Widgets of the review app: the virtual queue list and the progress line."""
