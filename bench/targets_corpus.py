"""Target texts for the benchmarks: the seeds' target and result forms with varied numbers.

The cells (``FORMS``) are what ``parse_target`` reads in tables; the sentences are goal prose for
``find_targets``. Numbers are drawn from a seeded generator so every run parses the same
10,000 texts, and no two are one cached string.
"""

from __future__ import annotations

import random

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
