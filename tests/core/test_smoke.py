from fazhi.core.models import Unit


def test_setup_creates_the_reference_county_with_its_townships_and_villages(county):
    assert county.name == "常德市西洞庭管理区管理委员会"
    assert Unit.objects.filter(kind=Unit.Kind.TOWNSHIP, parent=county).count() == 3
    assert Unit.objects.filter(kind=Unit.Kind.VILLAGE, path__startswith=county.path).count() == 18
