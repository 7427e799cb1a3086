"""The pure core of JiXiao: no Django, no file or network IO.

Contract of the package:
- ``documents``: the schema ``jixiao/v1`` dataclasses and their JSON form;
- ``targets`` / ``quantities``: Chinese target and result text → structured targets;
- ``scoring``: scoring rules, document scores, grades;
- ``checks``: consistency rules (勾稽关系) returning ``Finding`` lists;
- ``money``: 到位率 / 执行率 and the one rounding rule.
Callers (CLI, web, reports) use these functions; nothing computes a score or rate twice.
"""
