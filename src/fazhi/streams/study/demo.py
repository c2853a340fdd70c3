"""Demo records of the study stream: the four 2023 topic sessions of the seed report
("区党委会专题研究法治建设工作4次") and one theory-study session."""

from __future__ import annotations

from datetime import date

from fazhi.core.models import Unit
from fazhi.demo.layers import replay
from fazhi.streams.study.models import StudySession

TOPICS = [
    (date(2023, 3, 15), "研究规范性文件审核备案工作"),
    (date(2023, 6, 20), "研究行政机关负责人出庭应诉工作"),
    (date(2023, 9, 12), "研究行政执法公示工作"),
    (date(2023, 12, 5), "研究法律顾问工作"),
]


def _load_recorded(county: Unit) -> None:
    for held_on, title in TOPICS:
        StudySession.objects.get_or_create(
            unit=county, year=2023, title=title,
            defaults={"kind": StudySession.Kind.TOPIC, "held_on": held_on, "meeting": "区党委会",
                      "state": "closed", "minutes": "会议听取汇报并作出部署。"},
        )
    StudySession.objects.get_or_create(
        unit=county, year=2023, title="学习习近平法治思想",
        defaults={"kind": StudySession.Kind.CENTRAL_GROUP, "held_on": date(2023, 4, 18),
                  "meeting": "党委理论学习中心组", "state": "filed", "members": 15, "attendees": 14,
                  "minutes": "集中学习并交流研讨。"},
    )


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("study")
