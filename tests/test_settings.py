"""The site's settings (hooks/msdz_hub/core/settings.py), read once from mkdocs.yml's values."""

from __future__ import annotations

import copy
import pickle

import pytest
from mkdocs.config import load_config
from support import ROOT, TEST_OPERATOR

from msdz_hub.core.settings import Operator, SettingsError, SiteSettings


def _settings(**extra) -> SiteSettings:
    values = {"operator": TEST_OPERATOR, "hub": {"publisher": "Ministerium", "tag_authority": "hub.example,2026"}}
    values.update(extra)
    return SiteSettings.from_config("https://hub.example/pfad", "Hub", None, "Redaktion", values)


def test_the_settings_of_mkdocs_yml_name_the_site_and_its_operator():
    config = load_config(str(ROOT / "mkdocs.yml"))
    settings = SiteSettings.from_config(
        config.site_url, config.site_name, config.site_description, config.site_author, config.extra
    )
    assert settings.url == config.site_url.rstrip("/") + "/"
    assert settings.publisher == config.extra["hub"]["publisher"]
    assert settings.operator.name == config.extra["operator"]["name"]
    assert settings.operator.host.privacy_url == config.extra["operator"]["host"]["privacy_url"]


def test_every_absolute_address_has_exactly_one_slash_after_the_site():
    settings = _settings()
    assert settings.url == "https://hub.example/pfad/"
    assert settings.absolute("/kommunen/zossen/") == "https://hub.example/pfad/kommunen/zossen/"
    assert settings.absolute("rss.xml") == "https://hub.example/pfad/rss.xml"


def test_the_publisher_falls_back_to_the_site_author():
    assert _settings(hub={}).publisher == "Redaktion"
    assert _settings().publisher == "Ministerium"


def test_an_operator_without_what_the_legal_pages_need_is_refused_in_german():
    operator = {key: value for key, value in TEST_OPERATOR.items() if key not in ("host", "address")}
    with pytest.raises(SettingsError, match=r"extra\.operator braucht address, host \(für Impressum"):
        _settings(operator=operator)
    incomplete = copy.deepcopy(TEST_OPERATOR)
    del incomplete["accessibility"]["method"]
    with pytest.raises(SettingsError, match=r"extra\.operator\.accessibility braucht method"):
        Operator.from_dict(incomplete)


def test_optional_operator_texts_are_empty_not_missing():
    operator = _settings().operator
    assert operator.unit == "" and operator.email == "" and operator.content_responsible == ""


def test_the_settings_cross_into_another_process_unchanged():
    # Imported anew: loading mkdocs.yml (above) runs the hook, which imports the package afresh.
    from msdz_hub.core import settings as module

    settings = module.SiteSettings("https://hub.example", "Hub", "", "", "", module.Operator.from_dict(TEST_OPERATOR))
    assert pickle.loads(pickle.dumps(settings)) == settings
    with pytest.raises(AttributeError):
        settings.url = "https://other.example/"  # type: ignore[misc]
