"""The pure draw function and the standalone verifier (no database)."""

from __future__ import annotations

import ast
import copy
import secrets
import sys
from pathlib import Path

import pytest

from fazhi.streams.inspections import verify

SEED = "00" * 31 + "2a"


def entity(i: int, grade: str = "B", township: str = "T1") -> dict:
    return {"code": f"CODE{i:05d}", "risk_grade": grade, "township": township}


def inspector(i: int, township: str = "", avoid=(), quals=("food",), valid="2030-12-31") -> dict:
    return {"id": f"I{i:03d}", "unit": "D03", "township": township, "qualifications": list(quals),
            "valid_until": valid, "avoid": list(avoid)}


PARAMS = {"category": "food", "ratio": "10", "count": None, "stratify": [], "inspectors_per_entity": 2,
          "period_start": "2024-09-02", "period_end": "2024-10-31", "ratio_by_grade": {}}


def published(seed: str = SEED, params: dict = PARAMS, entities=None, inspectors=None, replacements=()) -> dict:
    entities = entities if entities is not None else [entity(i, "ABCD"[i % 4], f"T{i % 3}") for i in range(200)]
    inspectors = inspectors if inspectors is not None else [inspector(i, f"T{i % 3}") for i in range(12)]
    return {
        "format": verify.FORMAT, "seed": seed, "params": params, "eligible_entities": entities,
        "eligible_inspectors": inspectors,
        "commitment": verify.commitment_of(verify.sha256_hex(bytes.fromhex(seed)), params, entities, inspectors),
        "result": verify.compute(seed, params, entities, inspectors, list(replacements)),
    }


def test_the_verifier_uses_only_the_standard_library():
    tree = ast.parse(Path(verify.__file__).read_text(encoding="utf-8"))
    modules = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 0}
    assert modules <= {"__future__", "functools", "gc", "hashlib", "heapq", "hmac", "json", "os", "pickle", "sys", "threading",
                       "fractions"}
    assert modules <= sys.stdlib_module_names


def test_the_written_out_hmac_is_hmac_sha256_for_short_and_long_seeds():
    import hashlib
    import hmac

    for seed in (bytes(range(32)), bytes(range(100))):
        mac = verify.keyed(seed)
        for message in ("entity:91430771MA4L0000X1", "assign:91430771MA4L0000X1:0", "检查"):
            assert mac(message) == hmac.new(seed, message.encode("utf-8"), hashlib.sha256).digest()


def test_same_seed_same_draw_and_another_seed_another_draw():
    a, b = published(), published()
    assert a["result"] == b["result"]
    other = published(seed=secrets.token_hex(32))
    assert [e["code"] for e in other["result"]["entities"]] != [e["code"] for e in a["result"]["entities"]]


def test_ratio_is_rounded_up_and_every_entity_gets_two_distinct_inspectors_without_conflict():
    draw = published()
    chosen = draw["result"]["entities"]
    assert len(chosen) == 20  # 10% of 200
    inspectors = {i["id"]: i for i in draw["eligible_inspectors"]}
    by_code = {e["code"]: e for e in draw["eligible_entities"]}
    for row in chosen:
        assert len(set(row["inspectors"])) == 2
        for i in row["inspectors"]:
            assert inspectors[i]["township"] != by_code[row["code"]]["township"]  # never in his own township
    loads = {}
    for row in chosen:
        for i in row["inspectors"]:
            loads[i] = loads.get(i, 0) + 1
    assert max(loads.values()) <= 4  # cap = ceil(40 / 12)


def test_stratified_allocation_by_largest_remainder():
    sizes = {"risk_grade=A": 50, "risk_grade=B": 30, "risk_grade=C": 15, "risk_grade=D": 5}
    quota = verify.quotas(sizes, {"count": 11, "stratify": ["risk_grade"]})
    # exact shares 5.5, 3.3, 1.65, 0.55 -> floors 5, 3, 1, 0; the two left go to the largest
    # remainders .65 (C) and .55 (D), not to A's .5
    assert quota == {"risk_grade=A": 5, "risk_grade=B": 3, "risk_grade=C": 2, "risk_grade=D": 1}
    assert sum(quota.values()) == 11


def test_ratio_by_risk_grade():
    sizes = {"risk_grade=A": 100, "risk_grade=D": 7}
    quota = verify.quotas(sizes, {"stratify": ["risk_grade"], "ratio": "1", "ratio_by_grade": {"D": "30"}})
    assert quota == {"risk_grade=A": 1, "risk_grade=D": 3}


def test_avoidance_qualification_and_expired_certificate():
    entities = [entity(i, township="T1") for i in range(10)]
    inspectors = [
        inspector(0, "T1"),  # lives in the township: never sent there
        inspector(1, avoid=[e["code"] for e in entities]),  # declared a relationship with all of them
        inspector(2, quals=("equipment",)),  # not qualified for food
        inspector(3, valid="2024-10-30"),  # certificate expires before the period ends
        inspector(4), inspector(5), inspector(6),
    ]
    draw = published(params={**PARAMS, "ratio": "100"}, entities=entities, inspectors=inspectors)
    used = {i for row in draw["result"]["entities"] for i in row["inspectors"]}
    assert used == {"I004", "I005", "I006"}


def test_too_few_inspectors_is_refused_in_chinese():
    with pytest.raises(verify.DrawError, match="不足2名|少于每户2名"):
        published(inspectors=[inspector(0, "T9"), inspector(1, "T1")], entities=[entity(1, township="T1")],
                  params={**PARAMS, "ratio": "100"})
    with pytest.raises(verify.DrawError, match="至少应派2名"):
        published(params={**PARAMS, "inspectors_per_entity": 1})


def test_replacement_is_deterministic_and_verified():
    draw = published()
    first = draw["result"]["entities"][0]
    rep = {"counter": 1, "entity": first["code"], "replaced": first["inspectors"][0], "reason": "病假"}
    again = published(replacements=[rep])
    new = again["result"]["replacements"][0]["replacement"]
    assert new not in first["inspectors"]
    assert again["result"]["final"][0]["inspectors"] == [new, first["inspectors"][1]]
    assert verify.verify(again)[0]


def test_verify_accepts_an_honest_draw_and_names_the_first_difference_of_a_tampered_one():
    honest = published()
    ok, lines = verify.verify(honest)
    assert ok and "一致" in lines[-1]

    swapped = copy.deepcopy(honest)
    swapped["result"]["entities"][3]["code"] = "CODE99999"
    ok, lines = verify.verify(swapped)
    assert not ok and "result.entities[3].code" in lines[-1]

    other_list = copy.deepcopy(honest)
    other_list["eligible_entities"].pop()  # an entity quietly dropped from the list after the commitment
    ok, lines = verify.verify(other_list)
    assert not ok and "检查对象名单指纹" in lines[-1]

    other_seed = copy.deepcopy(honest)
    other_seed["seed"] = secrets.token_hex(32)  # a seed chosen after seeing the result
    ok, lines = verify.verify(other_seed)
    assert not ok and "随机种子" in lines[-1]

    forged_replacement = published(replacements=[{"counter": 1, "entity": honest["result"]["entities"][0]["code"],
                                                  "replaced": honest["result"]["entities"][0]["inspectors"][0],
                                                  "reason": "回避"}])
    forged_replacement["result"]["replacements"][0]["replacement"] = "I011"
    ok, lines = verify.verify(forged_replacement)
    assert not ok and "replacements[0].replacement" in lines[-1]


def test_verify_main_prints_the_verdict(tmp_path, capsys):
    import json

    path = tmp_path / "draw.json"
    path.write_text(json.dumps(published(), ensure_ascii=False), encoding="utf-8")
    assert verify.main([str(path)]) == 0
    assert "核验结论：一致" in capsys.readouterr().out


def test_a_seed_swapped_after_the_commitment_fails_verification_even_with_its_own_draw():
    """Someone reveals another seed than the committed one and publishes the draw that seed
    gives (recomputed, so result and seed agree): only the commitment made before the draw
    can catch it, and it does."""
    honest = published()
    assert verify.verify(honest)[0] is True
    other = secrets.token_hex(32)
    swapped = copy.deepcopy(honest)
    swapped["seed"] = other
    swapped["result"] = verify.compute(other, PARAMS, honest["eligible_entities"], honest["eligible_inspectors"], [])
    assert swapped["result"] != honest["result"]  # the swap would change who is inspected
    assert verify.verify(swapped)[0] is False
    # the same draw with a commitment to the new seed verifies: what fails above is the commitment
    recommitted = copy.deepcopy(swapped)
    recommitted["commitment"] = verify.commitment_of(verify.sha256_hex(bytes.fromhex(other)), PARAMS,
                                                     honest["eligible_entities"], honest["eligible_inspectors"])
    assert verify.verify(recommitted)[0] is True


# The results of draws made before the draw was made faster (c. 2026-12, with the implementation
# published until then): the published algorithm's output must never change, or older draws
# would no longer verify. Three stratifications, each with a replacement.
GOLDEN = {
    "none": "fa81bdc791573ead8de742fb63aa5e791e441171b3562662067aaf6fe7ab0897",
    "grade": "fa9a9fb1e78c2c5061fde19d6939c1b47d0cf3c9f8ccab0b2b8b01812b0ea5ac",
    "two": "adc5e4aed25cfb25d11e5fa672b227d5609b113840c15f8a23f67b3bc586e618",
}


@pytest.mark.parametrize(("name", "stratify"), [("none", []), ("grade", ["risk_grade"]),
                                                  ("two", ["risk_grade", "township"])])
def test_the_draw_gives_the_results_it_always_gave(name, stratify):
    entities = [entity(i, "ABCD"[i % 4] if i % 7 else "", f"T{i % 5}") for i in range(3000)]
    inspectors = [inspector(i, f"T{i % 5}", avoid=[f"CODE{(i * 37) % 3000:05d}"] if i % 4 == 0 else [])
                  for i in range(60)]
    params = {**PARAMS, "ratio": "7", "stratify": stratify}
    result = verify.compute(SEED, params, entities, inspectors)
    first = result["entities"][3]
    replaced = verify.compute(SEED, params, entities, inspectors,
                              [{"counter": 1, "entity": first["code"], "replaced": first["inspectors"][1]}])
    assert verify.fingerprint([result, replaced]) == GOLDEN[name]


@pytest.mark.parametrize("stratify", [[], ["risk_grade"], ["risk_grade", "township"]])
def test_a_selection_shared_with_a_second_process_is_the_same_selection(stratify):
    if not verify._can_fork():
        pytest.skip("no fork here (one core, or another thread running): the draw stays in one process")
    entities = [entity(i, "ABCD"[i % 4] if i % 7 else "", f"T{i % 5}") for i in range(5001)]  # odd: unequal halves
    params = {**PARAMS, "ratio": "7", "stratify": stratify}
    seed = bytes.fromhex(SEED)
    alone = verify._select(seed, entities, params, parallel_from=10**9)
    assert verify._select(seed, entities, params, parallel_from=0) == alone
    if not stratify:
        assert len(alone) == 351  # 7 % of 5,001, rounded up
    mac = verify.keyed(seed)
    first = min(entities, key=lambda e: mac("entity:" + e["code"]))
    assert first in [e for _, rank, e in alone if rank == 1]  # the smallest HMAC of all heads its stratum
