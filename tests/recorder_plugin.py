"""A test plugin that implements every hook and records how the core called it."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from forum.core.api import (
    Action,
    ContentType,
    NavItem,
    ReactionPolicy,
    Section,
    Setting,
    Verdict,
    hookimpl,
)

calls: list[tuple[str, dict[str, Any]]] = []


def record(name: str, **kwargs: Any) -> None:
    calls.append((name, kwargs))


def called(name: str) -> list[dict[str, Any]]:
    return [kwargs for hook, kwargs in calls if hook == name]


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    record("forum_settings_schema")
    return {"recorder": Section({"word": Setting(str, "forbidden", "a word the recorder blocks")})}


@hookimpl
def forum_configure(app: Any, settings: dict[str, Any]) -> None:
    record("forum_configure", app=app, settings=settings)


@hookimpl
def forum_cli(cli: Any) -> None:
    record("forum_cli", cli=cli)


@hookimpl
def forum_content_types() -> list[ContentType]:
    record("forum_content_types")
    return [ContentType("note", "Note", lambda item: f"/notes/{item.id}")]


@hookimpl
def forum_reaction_policy(content_type: str, settings: dict[str, Any]) -> ReactionPolicy | None:
    record("forum_reaction_policy", content_type=content_type, settings=settings)
    return ReactionPolicy(reactions=("like",)) if content_type == "note" else None


@hookimpl
def forum_screen(text: str, context: Any) -> list[Verdict]:
    record("forum_screen", text=text, context=context)
    from flask import current_app

    word = current_app.extensions["forum"].settings["recorder"]["word"]
    if word in text:
        return [Verdict("recorder", Action.BLOCK, "test word", member_message="No forbidden words.")]
    if "worrying" in text:
        return [Verdict("recorder", Action.HOLD, "test hold", crisis=True, urgent=True)]
    return []


@hookimpl
def forum_after_screen(item: Any, result: Any, is_new: bool) -> None:
    record("forum_after_screen", item=item, result=result, is_new=is_new)


@hookimpl
def forum_after_publish(item: Any) -> None:
    record("forum_after_publish", item=item, item_id=item.id)


@hookimpl
def forum_after_update(item: Any) -> None:
    record("forum_after_update", item=item, item_id=item.id)


@hookimpl
def forum_after_delete(item: Any) -> None:
    record("forum_after_delete", item=item, item_id=item.id)


@hookimpl
def forum_after_moderation(item: Any, decision: str, moderator: Any, reason: str) -> None:
    record("forum_after_moderation", item=item, decision=decision, moderator=moderator, reason=reason)


@hookimpl
def forum_safety_alert(user: Any, reason: str, item: Any, urgent: bool) -> None:
    record("forum_safety_alert", user=user, reason=reason, item=item, urgent=urgent)


@hookimpl
def forum_prepare_items(items: list[Any], viewer: Any) -> None:
    record("forum_prepare_items", items=list(items), viewer=viewer)
    for item in items:
        item.extras["recorder"] = f"prepared-{item.id}"


@hookimpl
def forum_item_footers(items: list[Any], viewer: Any) -> dict[int, Markup]:
    record("forum_item_footers", items=list(items), viewer=viewer)
    return {item.id: Markup('<p class="recorder">{}</p>').format(item.extras.get("recorder", "unprepared"))
            for item in items}


@hookimpl
def forum_nav_items(user: Any) -> list[NavItem]:
    record("forum_nav_items", user=user)
    return [NavItem("Recorder", "/recorder-link", order=60)]


@hookimpl
def forum_home_sections(viewer: Any) -> list[Markup]:
    record("forum_home_sections", viewer=viewer)
    return [Markup("<section>recorder home</section>")]


@hookimpl
def forum_profile_sections(user: Any, viewer: Any) -> list[Markup]:
    record("forum_profile_sections", user=user, viewer=viewer)
    return [Markup("<section>recorder profile of {}</section>").format(user.username)]


@hookimpl
def forum_usage_event(user: Any, function: str) -> None:
    record("forum_usage_event", user=user, function=function)


@hookimpl
def forum_member_export(user: Any) -> dict[str, Any]:
    record("forum_member_export", user=user)
    return {"recorder": True}


@hookimpl
def forum_member_delete(user: Any) -> None:
    record("forum_member_delete", user=user)


@hookimpl
def forum_demo_content(users: dict[str, Any], settings: dict[str, Any]) -> None:
    record("forum_demo_content", users=users, settings=settings)


@hookimpl
def forum_review_queue() -> bool:
    record("forum_review_queue")
    return True
