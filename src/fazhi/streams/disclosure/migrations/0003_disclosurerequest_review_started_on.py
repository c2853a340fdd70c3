"""The day review started, from which the declared 补正 window is met when no 补正 was asked.

Requests already past registration had that day only on their 补正-notice deadline row (met
when review started): copy it, so the declared deadline keeps the row as it is.
"""

from django.db import migrations, models

NO_REVIEW_YET = ("received", "registered", "supplement_requested", "supplemented", "deemed_withdrawn")


def review_day_from_notice(apps, schema_editor):
    Request = apps.get_model("disclosure", "DisclosureRequest")
    Deadline = apps.get_model("core", "Deadline")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct = ContentType.objects.filter(app_label="disclosure", model="disclosurerequest").first()
    if ct is None:
        return
    met = dict(Deadline.objects.filter(content_type=ct, key="supplement_notice", met_on__isnull=False)
               .values_list("object_id", "met_on"))
    for request in Request.objects.filter(review_started_on__isnull=True).exclude(state__in=NO_REVIEW_YET):
        if request.pk in met:
            Request.objects.filter(pk=request.pk).update(review_started_on=met[request.pk])


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0002_disclosurerequest_disclosure_unit_received_idx_and_more'),
        ('core', '0003_auditevent_access_denied'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosurerequest',
            name='review_started_on',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='受理审查日期'),
        ),
        migrations.RunPython(review_day_from_notice, migrations.RunPython.noop),
    ]
