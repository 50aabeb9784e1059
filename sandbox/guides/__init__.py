"""The guides' screens: the index with its search, and one guide per page."""
