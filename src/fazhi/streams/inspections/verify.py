"""双随机 draw: the deterministic selection and a standalone verifier (standard library only).

This file is the reference implementation of ``docs/draw-algorithm.md``. It imports nothing
outside the Python standard library, so anyone can download it together with a draw's public
JSON and run::

    python verify.py draw.json

The platform uses the same functions to make the draw (``services.draw_execute``), so a draw
that passes here is exactly the draw the platform recorded.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import heapq
import hmac
import json
import os
import pickle
import sys
import threading
from fractions import Fraction

FORMAT = "fazhi-draw/1"


class DrawError(ValueError):
    """The inputs do not allow a draw (e.g. too few eligible inspectors for an entity)."""


# -- hashing -----------------------------------------------------------------------------

def canonical(value) -> bytes:
    """UTF-8 JSON with sorted keys, no spaces and non-ASCII kept: the form every hash covers."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(value) -> str:
    return sha256_hex(canonical(value))


def commitment_of(seed_sha256: str, params: dict, entities: list, inspectors: list) -> dict:
    """What is published before the draw. ``commitment_sha256`` binds the four parts together."""
    parts = {
        "seed_sha256": seed_sha256,
        "params_sha256": fingerprint(params),
        "entities_sha256": fingerprint(entities),
        "inspectors_sha256": fingerprint(inspectors),
    }
    return {**parts, "commitment_sha256": fingerprint(parts)}


def keyed(seed: bytes):
    """message -> HMAC-SHA256(seed, UTF-8 message), RFC 2104 written out with hashlib: the inner
    and outer SHA-256 states keyed once per seed and copied per message (1.4x ``hmac.new().copy()``
    and 1.8x ``hmac.digest`` for a million entities; the same bytes, checked against ``hmac``)."""
    inner, outer = _keyed_states(seed)

    def mac(message: str) -> bytes:
        return _mac(inner, outer, message.encode("utf-8"))

    return mac


@functools.lru_cache(maxsize=8)
def _keyed_states(seed: bytes):
    """The keyed inner and outer states (the assignment asks once per drawn entity)."""
    key = hashlib.sha256(seed).digest() if len(seed) > 64 else seed
    key = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    if hmac.digest(seed, b"fazhi", "sha256") != _mac(inner, outer, b"fazhi"):
        raise RuntimeError("HMAC-SHA256 self-check failed")
    return inner, outer


def _mac(inner, outer, data: bytes) -> bytes:
    i = inner.copy()
    i.update(data)
    o = outer.copy()
    o.update(i.digest())
    return o.digest()


# -- entities ----------------------------------------------------------------------------

def stratum_of(entity: dict, stratify: list[str]) -> str:
    """"risk_grade=C|township=430771100" for the attributes listed in ``stratify``; "all" if none."""
    if not stratify:
        return "all"
    if len(stratify) == 1:
        return f"{stratify[0]}={entity.get(stratify[0]) or ''}"
    return "|".join(f"{name}={entity.get(name) or ''}" for name in stratify)


def _ceil_fraction(value: Fraction) -> int:
    return -((-value.numerator) // value.denominator)


def quotas(sizes: dict[str, int], params: dict) -> dict[str, int]:
    """How many entities to draw in each stratum.

    * ``ratio_by_grade`` (e.g. {"D": "30", "C": "10"}) with stratification by risk grade:
      each stratum takes ceil(size × ratio of its grade / 100); grades not listed take ``ratio``.
    * otherwise the total k = ``count`` (at most the number of entities) or ceil(N × ratio / 100)
      is shared among strata in proportion to their size by the largest-remainder method
      (ties: stratum key ascending).
    """
    total = sum(sizes.values())
    by_grade = params.get("ratio_by_grade") or {}
    if by_grade and "risk_grade" in (params.get("stratify") or []):
        out = {}
        for key, size in sizes.items():
            grade = dict(part.split("=", 1) for part in key.split("|")).get("risk_grade", "")
            ratio = by_grade.get(grade, params.get("ratio"))
            out[key] = min(size, _ceil_fraction(size * Fraction(str(ratio or "0")) / 100))
        return out
    if params.get("count") is not None:
        k = min(int(params["count"]), total)
    else:
        k = min(total, _ceil_fraction(total * Fraction(str(params.get("ratio") or "0")) / 100))
    if total == 0:
        return dict.fromkeys(sizes, 0)
    out = {key: (k * size) // total for key, size in sizes.items()}
    left = k - sum(out.values())
    by_remainder = sorted(sizes, key=lambda key: (-((k * sizes[key]) % total), key))
    for key in by_remainder[:left]:
        out[key] += 1
    return out


def select_entities(seed: bytes, entities: list[dict], params: dict) -> list[dict]:
    """The drawn entities: per stratum, the ``quota`` entities with the smallest
    HMAC-SHA256(seed, "entity:" + code); listed by stratum key, then rank."""
    return [{"code": e["code"], "stratum": key, "rank": rank} for key, rank, e in _select(seed, entities, params)]


def _select(seed: bytes, entities: list[dict], params: dict,
            parallel_from: int | None = None) -> list[tuple[str, int, dict]]:
    """``select_entities`` as (stratum, rank, entity).

    From ``PARALLEL_FROM`` entities, and where a process may be forked safely (more than one core,
    no other thread), a second process takes the second half of the list: both hash and group
    their half, the strata's sizes are added up, and each half sends its ``quota`` smallest per
    stratum; the smallest of those are the smallest of all. The result is the same either way."""
    stratify = params.get("stratify") or []
    limit = PARALLEL_FROM if parallel_from is None else parallel_from
    whole = len(entities)
    if whole >= max(limit, 2) and _can_fork():
        picked = _select_in_two(seed, entities, stratify, params)
    else:
        strata = _strata(seed, entities, 0, whole, stratify)
        quota = quotas({key: len(members) for key, members in strata.items()}, params)
        picked = {key: heapq.nsmallest(quota[key], members) for key, members in strata.items()}
    chosen = []
    for key in sorted(picked):
        members = heapq.nsmallest(len(picked[key]), picked[key])  # in order of (digest, code)
        chosen += [(key, rank, entities[n]) for rank, (_, _, n) in enumerate(members, start=1)]
    return chosen


def _strata(seed: bytes, entities: list[dict], start: int, stop: int,
            stratify: list[str]) -> dict[str, list[tuple[bytes, str, int]]]:
    """entities[start:stop] grouped by stratum as (HMAC of the code, code, index in ``entities``)."""
    part = entities[start:stop]
    digests = _digests(seed, [e["code"] for e in part])
    strata: dict[str, list[tuple[bytes, str, int]]] = {}
    if len(stratify) == 1:
        name = stratify[0]
        by_value: dict[object, list[tuple[bytes, str, int]]] = {}
        for n, e in enumerate(part):
            value = e.get(name) or ""
            members = by_value.get(value)
            if members is None:
                members = by_value[value] = []
            members.append((digests[n], e["code"], start + n))
        for value, members in by_value.items():  # values with the same text ("" and None) share a stratum
            strata.setdefault(f"{name}={value}", []).extend(members)
    else:
        for n, e in enumerate(part):
            strata.setdefault(stratum_of(e, stratify), []).append((digests[n], e["code"], start + n))
    return strata


def _select_in_two(seed: bytes, entities: list[dict], stratify: list[str],
                   params: dict) -> dict[str, list[tuple[bytes, str, int]]]:
    half = len(entities) // 2
    up_read, up_write = os.pipe()  # child -> parent
    down_read, down_write = os.pipe()  # parent -> child
    pid = os.fork()
    if pid == 0:  # the child: the second half; it never returns
        status = 1
        try:
            os.close(up_read)
            os.close(down_write)
            with os.fdopen(up_write, "wb") as out, os.fdopen(down_read, "rb") as inbox:
                strata = _strata(seed, entities, half, len(entities), stratify)
                _send(out, {key: len(members) for key, members in strata.items()})
                quota = _receive(inbox)
                _send(out, {key: heapq.nsmallest(quota[key], members) for key, members in strata.items()})
            status = 0
        finally:
            os._exit(status)
    os.close(up_write)
    os.close(down_read)
    strata = _strata(seed, entities, 0, half, stratify)
    try:
        with os.fdopen(up_read, "rb") as inbox, os.fdopen(down_write, "wb") as out:
            sizes = {key: len(members) for key, members in strata.items()}
            for key, size in _receive(inbox).items():
                sizes[key] = sizes.get(key, 0) + size
            quota = quotas(sizes, params)
            _send(out, quota)
            picked = {key: heapq.nsmallest(quota[key], members) for key, members in strata.items()}
            for key, members in _receive(inbox).items():
                picked[key] = heapq.nsmallest(quota[key], picked.get(key, []) + members)
    except (EOFError, OSError, pickle.UnpicklingError):  # the child failed: its half here too
        os.waitpid(pid, 0)
        strata = _strata(seed, entities, 0, len(entities), stratify)
        quota = quotas({key: len(members) for key, members in strata.items()}, params)
        return {key: heapq.nsmallest(quota[key], members) for key, members in strata.items()}
    os.waitpid(pid, 0)
    return picked


def _send(out, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(8, "big") + data)
    out.flush()


def _receive(inbox):
    head = inbox.read(8)
    if len(head) < 8:
        raise EOFError
    size = int.from_bytes(head, "big")
    data = inbox.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # our own forked child's answer, never outside input


# Above this many entities the selection is shared with a forked second process, where one may be forked.
PARALLEL_FROM = 200_000


def entity_digests(seed: bytes, codes: list[str]) -> list[bytes]:
    """HMAC-SHA256(seed, "entity:" + code) for each code, in order: ``keyed(seed)`` written out for
    the draw's hot path (a million entities at province scale). The inner state is keyed and fed
    "entity:" once, then copied per code; the bytes are the same."""
    return _digests(seed, codes)


def _can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _digests(seed: bytes, codes: list[str]) -> list[bytes]:
    inner, outer = _keyed_states(seed)
    prefixed = inner.copy()
    prefixed.update(b"entity:")
    inner_copy, outer_copy = prefixed.copy, outer.copy
    out = []
    append = out.append
    for code in codes:
        i = inner_copy()
        i.update(code.encode("utf-8"))
        o = outer_copy()
        o.update(i.digest())
        append(o.digest())
    return out


# -- inspectors --------------------------------------------------------------------------

def task_inspectors(inspectors: list[dict], params: dict) -> list[dict]:
    """Inspectors who may take part at all: qualified for the item's category and holding a
    certificate valid until the last day of the inspection period. Sorted by id."""
    category = params.get("category") or ""
    end = params.get("period_end") or ""
    return sorted(
        (i for i in inspectors
         if (not category or category in (i.get("qualifications") or []))
         and (i.get("valid_until") or "") >= end),
        key=lambda i: i["id"],
    )


def conflicts(inspector: dict, entity: dict) -> bool:
    """回避: the inspector lives in the entity's township, or declared a relationship with it."""
    township = entity.get("township") or ""
    if township and inspector.get("township") == township:
        return True
    return entity["code"] in set(inspector.get("avoid") or [])


def candidate_order(seed: bytes, label: str, n: int):
    """A lazily generated permutation of range(n) (Fisher–Yates from the front): step j swaps
    position j with j + (HMAC-SHA256(seed, label + ":" + j) as a big-endian integer mod (n - j))."""
    inner, outer = _keyed_states(seed)
    prefixed = inner.copy()  # keyed and fed label + ":" once; per step only j (the same bytes as mac)
    prefixed.update(f"{label}:".encode())
    swapped: dict[int, int] = {}
    for j in range(n):
        i = prefixed.copy()
        i.update(str(j).encode("ascii"))
        o = outer.copy()
        o.update(i.digest())
        r = j + int.from_bytes(o.digest(), "big") % (n - j)
        picked = swapped.get(r, r)
        swapped[r] = swapped.get(j, j)
        yield picked


def assign_inspectors(seed: bytes, chosen: list[dict], entities: dict[str, dict], pool: list[dict],
                      per_entity: int) -> dict[str, list[str]]:
    """Inspectors for each chosen entity, in the order of ``chosen``.

    Candidates come in the order of ``candidate_order(seed, "assign:" + code, len(pool))``;
    a candidate is skipped when he conflicts with the entity or already holds ``cap`` =
    ceil(total assignments / len(pool)) assignments. If fewer than ``per_entity`` remain, the
    non-conflicting candidates over the cap are taken, least loaded first, then by candidate order.
    """
    if per_entity < 2:
        raise DrawError("每个检查对象至少应派2名执法人员（行政处罚法 第四十二条）")
    if not chosen:
        return {}
    if len(pool) < per_entity:
        raise DrawError(f"符合资格的执法检查人员只有{len(pool)}名，少于每户{per_entity}名")
    cap = _ceil_fraction(Fraction(len(chosen) * per_entity, len(pool)))
    load = [0] * len(pool)
    # conflicts(pool[idx], entity), with each inspector's township and 回避 list read once
    townships = [i.get("township") for i in pool]
    avoids = [frozenset(i.get("avoid") or ()) for i in pool]
    out: dict[str, list[str]] = {}
    for c in chosen:
        entity = entities[c["code"]]
        township, code = entity.get("township") or "", entity["code"]
        picked: list[int] = []
        seen: list[int] = []
        for idx in candidate_order(seed, "assign:" + c["code"], len(pool)):
            if (township and townships[idx] == township) or code in avoids[idx]:
                continue
            seen.append(idx)
            if load[idx] < cap:
                picked.append(idx)
                if len(picked) == per_entity:
                    break
        if len(picked) < per_entity:
            rest = sorted((i for i in seen if i not in picked), key=lambda i: (load[i], seen.index(i)))
            picked += rest[: per_entity - len(picked)]
        if len(picked) < per_entity:
            raise DrawError(f"检查对象{c['code']}回避后符合条件的执法检查人员不足{per_entity}名")
        for i in picked:
            load[i] += 1
        out[c["code"]] = [pool[i]["id"] for i in picked]
    return out


def replacement_for(seed: bytes, counter: int, entity: dict, pool: list[dict], current: list[str],
                    excluded: list[str]) -> str:
    """The n-th replacement of the draw: the first candidate of
    ``candidate_order(seed, f"replace:{counter}:{code}", len(pool))`` who does not conflict with the
    entity, is not currently assigned to it and was not replaced on it before."""
    blocked = set(current) | set(excluded)
    for idx in candidate_order(seed, f"replace:{counter}:{entity['code']}", len(pool)):
        candidate = pool[idx]
        if candidate["id"] not in blocked and not conflicts(candidate, entity):
            return candidate["id"]
    raise DrawError(f"检查对象{entity['code']}没有可替换的执法检查人员")


def compute(seed_hex: str, params: dict, entities: list[dict], inspectors: list[dict],
            replacements: list[dict] = ()) -> dict:
    """The whole draw from its published inputs: chosen entities, their first assignments,
    each replacement (in ``counter`` order) and the final assignments."""
    collecting = gc.isenabled()
    gc.disable()  # a million short-lived tuples, no cycles: the collector would only walk them again and again
    try:
        return _compute(seed_hex, params, entities, inspectors, replacements)
    finally:
        if collecting:
            gc.enable()


def _compute(seed_hex: str, params: dict, entities: list[dict], inspectors: list[dict],
             replacements: list[dict]) -> dict:
    seed = bytes.fromhex(seed_hex)
    pool = task_inspectors(inspectors, params)
    selected = _select(seed, entities, params)
    chosen = [{"code": e["code"], "stratum": key, "rank": rank} for key, rank, e in selected]
    by_code = {e["code"]: e for _, _, e in selected}  # the drawn ones: all that assignment asks for
    if replacements:
        by_code = {e["code"]: e for e in entities}
    initial = assign_inspectors(seed, chosen, by_code, pool, int(params.get("inspectors_per_entity") or 2))
    final = {code: list(ids) for code, ids in initial.items()}
    replaced_on: dict[str, list[str]] = {}
    done = []
    for rep in sorted(replacements, key=lambda r: r["counter"]):
        code, old = rep["entity"], rep["replaced"]
        if old not in final.get(code, []):
            raise DrawError(f"第{rep['counter']}次替换：{old}并未派往{code}")
        replaced_on.setdefault(code, []).append(old)
        new = replacement_for(seed, rep["counter"], by_code[code], pool, final[code], replaced_on[code])
        final[code] = [new if i == old else i for i in final[code]]
        done.append({**rep, "replacement": new})
    return {
        "entities": [{**c, "inspectors": initial[c["code"]]} for c in chosen],
        "replacements": done,
        "final": [{"code": c["code"], "inspectors": final[c["code"]]} for c in chosen],
    }


# -- verification -------------------------------------------------------------------------

def _first_difference(path: str, expected, published) -> str | None:
    if type(expected) is not type(published) and not (isinstance(expected, (int, float))
                                                       and isinstance(published, (int, float))):
        return f"{path}: 应为 {json.dumps(expected, ensure_ascii=False)}，公布为 {json.dumps(published, ensure_ascii=False)}"
    if isinstance(expected, dict):
        for key in sorted(set(expected) | set(published)):
            if key not in published:
                return f"{path}.{key}: 公布的结果缺少该项"
            if key not in expected:
                return f"{path}.{key}: 公布的结果多出该项"
            found = _first_difference(f"{path}.{key}", expected[key], published[key])
            if found:
                return found
        return None
    if isinstance(expected, list):
        for i, (a, b) in enumerate(zip(expected, published, strict=False)):
            found = _first_difference(f"{path}[{i}]", a, b)
            if found:
                return found
        if len(expected) != len(published):
            return f"{path}: 应有{len(expected)}项，公布{len(published)}项"
        return None
    if expected != published:
        return f"{path}: 应为 {json.dumps(expected, ensure_ascii=False)}，公布为 {json.dumps(published, ensure_ascii=False)}"
    return None


def verify(draw: dict) -> tuple[bool, list[str]]:
    """Check a published draw. Returns (ok, lines); on failure the last line names the first
    difference found."""
    lines = []
    try:
        if draw.get("format") != FORMAT:
            return False, [f"格式标识应为 {FORMAT}"]
        seed_hex = draw.get("seed") or ""
        if not seed_hex:
            return False, ["尚未公布随机种子，抽取尚未完成，只能核对承诺值"]
        params, entities, inspectors = draw["params"], draw["eligible_entities"], draw["eligible_inspectors"]
        published = draw["commitment"]
        expected = commitment_of(sha256_hex(bytes.fromhex(seed_hex)), params, entities, inspectors)
        names = {"seed_sha256": "随机种子的SHA-256", "params_sha256": "抽取参数指纹",
                 "entities_sha256": "检查对象名单指纹", "inspectors_sha256": "执法检查人员名单指纹",
                 "commitment_sha256": "承诺值"}
        for key, label in names.items():
            if published.get(key) != expected[key]:
                return False, [*lines, f"不一致：{label}（commitment.{key}）应为 {expected[key]}，公布为 {published.get(key)}"]
            lines.append(f"一致：{label} {expected[key][:16]}…")
        recomputed = compute(seed_hex, params, entities, inspectors, draw["result"].get("replacements") or [])
        difference = _first_difference("result", recomputed, draw["result"])
        if difference:
            return False, [*lines, f"不一致：{difference}"]
        lines.append(f"一致：抽中{len(recomputed['entities'])}户检查对象及其执法检查人员、"
                     f"{len(recomputed['replacements'])}次人员替换均可由种子和公布名单重现")
        return True, lines
    except (KeyError, TypeError, ValueError) as exc:
        return False, [*lines, f"无法核验：{exc}"]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("用法：python verify.py 抽取结果.json")
        return 2
    with open(args[0], encoding="utf-8") as fh:
        ok, lines = verify(json.load(fh))
    print("\n".join(lines))
    print("核验结论：一致" if ok else "核验结论：不一致")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
