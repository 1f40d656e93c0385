"""The seed places every item in the sector of its subject, and its guide says where and why."""

import re
from collections import Counter

import yaml

from tracker.seeding import SEED_DIR

PRIORITY = {
    "y-te", "giao-duc", "tai-chinh-ngan-hang", "nong-nghiep", "giao-thong-van-tai",
    "nang-luong", "tai-nguyen-moi-truong", "du-lich", "thong-tin-bao-chi",
}  # fmt: skip


def _read(name: str):
    return yaml.safe_load((SEED_DIR / name).read_text(encoding="utf-8"))


def test_the_nine_sectors_of_the_plan_plus_other_and_cross_cutting():
    codes = {sector["code"] for sector in _read("sectors.yaml")}
    assert codes == PRIORITY | {"chung", "khac"}


def test_the_guide_lists_every_item_in_its_sector():
    names = {sector["code"]: sector["name"] for sector in _read("sectors.yaml")}
    guide = (SEED_DIR / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| ([A-Z0-9-]+) \| ([^|]+?) \|", guide, re.M))
    items = _read("items.yaml")
    assert listed == {item["code"]: names[item["sector"]] for item in items}


def test_priority_sectors_are_not_left_in_chung():
    items = _read("items.yaml")
    per_sector = Counter(item["sector"] for item in items)
    assert all(per_sector[code] >= 7 for code in PRIORITY), per_sector
    # Items led by a priority sector's department about its own work are in that sector.
    by_code = {item["code"]: item for item in items}
    assert by_code["XHS-2025-01-HO"]["sector"] == "thong-tin-bao-chi"
    assert by_code["XHS-2030-02"]["sector"] == "tai-chinh-ngan-hang"
    assert by_code["KTS-2025-02"]["sector"] == "khac"


def test_sector_work_items_name_only_the_plan_lines_they_apply():
    items = _read("items.yaml")
    codes = {item["code"] for item in items}
    subs = [item for item in items if item.get("parent")]
    assert {item["parent"] for item in subs} == {f"NV-LV-0{n}" for n in range(1, 10)}
    for item in subs:
        cited = re.findall(r"\b((?:NV|CQS|XHS|KTS)(?:-[A-Z0-9]+)+)\b", item["basis"])
        assert cited and set(cited) <= codes, item["code"]
