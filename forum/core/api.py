"""The public API for plugins. Plugins import from here, never from other core modules.

Everything a plugin needs: the hook marker, the shared models, the one path for member text
(``submit``), the one visibility helper (``visible_to``), and small helpers for views.
"""

from __future__ import annotations

from .auth import (
    login_required,
    moderator_required,
    role_required,
    safe_next,
    search_limit,
    viewer,
    write_limit,
)
from .config import ConfigError, Settings
from .content import render_markdown, safe_html
from .entries import ENTRY_USE, EntryViews
from .extensions import csrf, db, limiter
from .forms import add_form_error, form_page
from .idempotency import submit_new
from .jobs import Job, enqueue, job_handler, job_queue, jobs_needing_attention, worker_command
from .jobs import configure as configure_jobs
from .listing import can_read_community, list_page, members_only, readable
from .models import AuditEvent, Board, Item, User, utcnow
from .pagination import Page, page_number, paginate
from .plugins import hookimpl, hookspec
from .publishing import (
    Submission,
    assign_texts,
    audit,
    crisis_page,
    delete_item,
    finish_submission,
    item_texts,
    item_url,
    prepare_items,
    screen_texts,
    set_status,
    submit,
)
from .state import (
    config_source,
    content_types,
    forum_state,
    hook,
    reaction_policy,
    register_plugin,
    settings,
)
from .templating import byline as item_byline
from .templating import item_footer
from .text import (
    CJK,
    MappedText,
    has_cjk,
    is_cjk,
    normalise,
    normalise_map,
    original_words,
    phrase_skeleton,
    skeleton,
    skeleton_map,
)
from .types import (
    Action,
    ContentType,
    NavItem,
    ReactionPolicy,
    ScreenContext,
    ScreenResult,
    Section,
    Setting,
    Verdict,
)
from .usage import record_usage, record_use
from .visibility import can_see, get_own_or_404, get_visible_or_404, public_only, visible_to

__all__ = [
    "CJK",
    "ENTRY_USE",
    "Action",
    "AuditEvent",
    "Board",
    "ConfigError",
    "ContentType",
    "EntryViews",
    "Item",
    "Job",
    "MappedText",
    "NavItem",
    "Page",
    "ReactionPolicy",
    "ScreenContext",
    "ScreenResult",
    "Section",
    "Setting",
    "Settings",
    "Submission",
    "User",
    "Verdict",
    "add_form_error",
    "assign_texts",
    "audit",
    "can_read_community",
    "can_see",
    "config_source",
    "configure_jobs",
    "content_types",
    "crisis_page",
    "csrf",
    "db",
    "delete_item",
    "enqueue",
    "finish_submission",
    "form_page",
    "forum_state",
    "get_own_or_404",
    "get_visible_or_404",
    "has_cjk",
    "hook",
    "hookimpl",
    "hookspec",
    "is_cjk",
    "item_byline",
    "item_footer",
    "item_texts",
    "item_url",
    "job_handler",
    "job_queue",
    "jobs_needing_attention",
    "limiter",
    "list_page",
    "login_required",
    "members_only",
    "moderator_required",
    "normalise",
    "normalise_map",
    "original_words",
    "page_number",
    "paginate",
    "phrase_skeleton",
    "prepare_items",
    "public_only",
    "reaction_policy",
    "readable",
    "record_usage",
    "record_use",
    "register_plugin",
    "render_markdown",
    "role_required",
    "safe_html",
    "safe_next",
    "screen_texts",
    "search_limit",
    "set_status",
    "settings",
    "skeleton",
    "skeleton_map",
    "submit",
    "submit_new",
    "utcnow",
    "viewer",
    "visible_to",
    "worker_command",
    "write_limit",
]
