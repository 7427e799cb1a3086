"""Benchmark of the target language: how long parsing 10,000 real-looking targets takes.

Run ``.venv/bin/python bench/bench_targets.py`` (``--quick`` for a 2,000-text smoke run). The
texts are the target and result forms of the seeds, varied in number, so the figure reflects
the documents and not one cached string.
"""

from __future__ import annotations

import argparse
import random
import time

from jixiao.core.targets import find_targets, parse_target

FORMS = [
    "不少于{n}家",
    "≥{d}万批次",
    "{n}次以上",
    "至少{n}个以上",
    "100%（{n}家）",
    "≤{n}元/人/天",
    "{n}-{m}万元/个",
    "{n}-{m} 项",
    "较上年度增加 {d}%",
    "提升{d}个百分点",
    "2023 年 12 月 {day} 日前",
    "{n} 个工作日以内",
    "良好以上",
    "全量推送{n}次，增量推送{m}次",
    "平均{n}元/批次",
    "{n}余人次",
    ">{n}亿元",
    "2023年11月{day}日完成",
    "0 期",
    "{d}%",
]
SENTENCES = [
    "2022年全省通过全程智能化登记的个体工商户达{n}户",
    "确保特种设备万台事故率控制在{d}以内",
    "开展年综合能耗十万吨标煤以上重点用能单位能源计量审查不少于{n}家",
    "全省新增高价值发明专利{n}件，平均每万人口高价值发明专利拥有量达到{d}件",
]


def texts(count: int, forms: list[str], seed: int = 7) -> list[str]:
    """``count`` texts drawn from ``forms`` with random numbers."""
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        n = rnd.randint(1, 5000)
        values = {"n": n, "m": n + rnd.randint(0, 500), "d": round(rnd.uniform(0, 100), 2)}
        out.append(rnd.choice(forms).format(day=rnd.randint(1, 28), **values))
    return out


def timed(label: str, function, items: list[str]) -> float:
    """Run ``function`` on every item and print the time taken."""
    start = time.perf_counter()
    found = sum(len(function(item)) for item in items)
    elapsed = time.perf_counter() - start
    print(
        f"{label}: {len(items)} texts, {found} targets, {elapsed:.3f} s, {elapsed / len(items) * 1e6:.1f} µs/text"
    )
    return elapsed


def main() -> None:
    """Parse the cells and the sentences, printing the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2,000 texts instead of 10,000")
    count = 2000 if parser.parse_args().quick else 10000
    timed("parse_target", parse_target, texts(count, FORMS))
    timed("find_targets", find_targets, texts(count, SENTENCES))


if __name__ == "__main__":
    main()
