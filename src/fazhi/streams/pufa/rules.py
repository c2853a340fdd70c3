"""Rules of the 普法 stream (issue 16: 普法责任制 and 法律明白人).

No statutory period applies: the 普法责任清单 is a yearly list each unit draws up under
“谁执法谁普法” (中办发〔2017〕31号《关于实行国家机关“谁执法谁普法”普法责任制的意见》) and
publishes; 普法 activities are recorded after they take place; the 法律明白人 roster follows
the “乡村法律明白人”培养工程 (one or more per village, trained and certified).

The state sets other modules test against live here.
"""

from __future__ import annotations

from fazhi.core.models import Unit

# 普法责任清单 items counted as published (shown on the portal)
PUBLISHED = ("published",)
# 普法活动 counted by the indicators
HELD = ("held",)
# 法律明白人 on the roster
ACTIVE = ("active",)
# the units that owe a 普法责任清单 (谁执法谁普法: the government's departments)
RESPONSIBLE_KINDS = (Unit.Kind.DEPARTMENT,)
VILLAGE_ONLY = "法律明白人名册按村（社区）登记，请选择村（社区）"
