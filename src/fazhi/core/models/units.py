from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr


class Unit(models.Model):
    """A body in the organisation tree: ((province >) city >) county government > department / township > village.

    ``path`` is a materialised path of codes ("430771/430771004/") so that a unit's
    sub-units are one indexed prefix query.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", "省（自治区、直辖市）"
        CITY = "city", "设区的市"
        GOVERNMENT = "government", "区县人民政府（管委会）"
        DEPARTMENT = "department", "政府工作部门"
        TOWNSHIP = "township", "乡镇（街道）"
        VILLAGE = "village", "村（社区）"
        EXTERNAL = "external", "外部机关"

    code = models.CharField("单位代码", max_length=32, unique=True)
    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("单位类型", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path", "sort_order"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Keep the materialised path of this unit and, when its code or parent changed, of
        every unit below it (scope follows paths), in the same transaction."""

        old = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first() if self.pk else None
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old and old != self.path:
                (Unit.objects.filter(path__startswith=old).exclude(pk=self.pk)
                 .update(path=Concat(Value(self.path), Substr("path", len(old) + 1),
                                     output_field=models.CharField())))

    def clean(self) -> None:

        stored = Unit.objects.filter(pk=self.pk).values_list("path", flat=True).first() if self.pk else None
        if self.parent_id and stored and self.parent.path.startswith(stored):  # the materialised path says it
            raise ValidationError({"parent": "上级单位不能是本单位或本单位的下级单位"})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def descendants(self, include_self: bool = True) -> models.QuerySet[Unit]:
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def county(self) -> Unit | None:
        """The county-level government this unit belongs to."""
        node: Unit | None = self
        while node is not None and node.kind != Unit.Kind.GOVERNMENT:
            node = node.parent
        return node
