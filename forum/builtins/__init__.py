"""The engine's own features, each a plugin laid out exactly like ``plugins/<name>/`` and talking
to the core only through ``forum.core.api`` and hooks (as datasette registers its defaults)."""

BUILTINS = (
    "forum.builtins.discussions",  # boards, topics; the Home link
    "forum.builtins.pages",  # psychoeducation pages at /learn
    "forum.builtins.search",  # /search, the index and its upkeep
    "forum.builtins.pagecache",  # micro-cache of pages for visitors
    "forum.builtins.admin",  # /admin for hosts and moderators; boards, members, invites
)
