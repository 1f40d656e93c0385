"""Editing or deleting one's own comment within 15 minutes; the history keeps the original."""

from datetime import timedelta

from sqlalchemy import select

from tracker.database import db
from tracker.models import Activity, Comment
from tracker.workflow.comments import add_comment

from .conftest import person

OFFICER = "officer.syt@tracker.demo"


def test_the_author_edits_within_15_minutes_and_the_history_keeps_the_original(make_item, login):
    item = make_item()
    comment = add_comment(person(OFFICER), item.id, "Số liệu sai")
    client = login(OFFICER)
    assert "Số liệu sai" in client.get(f"/items/{item.id}/comments/{comment.id}").text
    response = client.post(f"/items/{item.id}/comments/{comment.id}", data={"body": "Số liệu đúng"})
    assert response.status_code == 302
    db.session.refresh(comment)
    assert comment.body == "Số liệu đúng" and comment.edited_at is not None
    edited = db.session.scalar(select(Activity).where(Activity.verb == "comment_edited"))
    assert edited.changes == {"comment": ["Số liệu sai", "Số liệu đúng"]}
    page = client.get(f"/items/{item.id}").text
    assert "Số liệu đúng" in page and "Số liệu sai" in page  # the history shows both


def test_after_15_minutes_editing_is_refused_and_nothing_written(make_item, login):
    item = make_item()
    comment = add_comment(person(OFFICER), item.id, "Ý kiến cũ")
    comment.created_at -= timedelta(minutes=16)
    db.session.commit()
    client = login(OFFICER)
    response = client.post(f"/items/{item.id}/comments/{comment.id}", data={"body": "Mới"})
    assert response.status_code == 409 and "15 phút" in response.text
    response = client.post(f"/items/{item.id}/comments/{comment.id}/delete")
    assert response.status_code == 409
    db.session.refresh(comment)
    assert comment.body == "Ý kiến cũ" and comment.deleted_at is None
    changed = Activity.verb.in_(["comment_edited", "comment_deleted"])
    assert db.session.scalar(select(Activity).where(changed)) is None


def test_only_its_author_changes_a_comment(make_item, login):
    item = make_item()
    comment = add_comment(person(OFFICER), item.id, "Của tôi")
    response = login("head.syt@tracker.demo").post(
        f"/items/{item.id}/comments/{comment.id}", data={"body": "Sửa"}
    )
    assert response.status_code == 403
    assert db.session.get(Comment, comment.id).body == "Của tôi"


def test_deleting_hides_it_and_keeps_it_in_the_history(make_item, login):
    item = make_item()
    comment = add_comment(person(OFFICER), item.id, "Nhầm nhiệm vụ")
    client = login(OFFICER)
    assert client.post(f"/items/{item.id}/comments/{comment.id}/delete").status_code == 302
    db.session.refresh(comment)
    assert comment.deleted_at is not None
    deleted = db.session.scalar(select(Activity).where(Activity.verb == "comment_deleted"))
    assert deleted.changes == {"comment": ["Nhầm nhiệm vụ", None]}
    page = client.get(f"/items/{item.id}").text
    assert 'id="comment-' + str(comment.id) + '"' in page and "bị xoá" in page
