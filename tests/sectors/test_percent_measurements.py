"""A measured share in per cent cannot be above 100 (nor below 0): refused, nothing written."""

import pytest

OFFICE = "office@tracker.demo"


@pytest.mark.parametrize("value", ["100.5", "130", "-1"])
def test_a_percentage_out_of_its_range_is_refused(login, item_by_code, value):
    target = item_by_code("KTS-2025-05-Y-TE")  # "%": a share of the sector's economy
    before = len(target.measurements)
    response = login(OFFICE).post(
        f"/items/{target.id}/measurements",
        data={"version": target.version, "value": value, "measured_on": "2026-11-01"},
    )
    assert response.status_code == 400
    assert "Tỷ lệ phần trăm phải từ 0 đến 100." in response.text
    assert len(item_by_code("KTS-2025-05-Y-TE").measurements) == before


def test_a_growth_rate_and_a_count_may_exceed_100(login, item_by_code):
    client = login(OFFICE)
    for code, value in (("KTS-2025-07", "2100"), ("KTS-2025-06", "7.5")):
        target = item_by_code(code)  # "người" and "%/năm"
        response = client.post(
            f"/items/{target.id}/measurements",
            data={"version": target.version, "value": value, "measured_on": "2026-11-01"},
        )
        assert response.status_code == 302, code
    response = client.post(
        f"/api/v1/items/{item_by_code('XHS-2025-01-HO').id}/measurements",
        json={"version": item_by_code("XHS-2025-01-HO").version, "value": 101,
              "measured_on": "2026-11-01"},
    )  # fmt: skip
    assert response.status_code == 400 and "value" in response.json["errors"]
