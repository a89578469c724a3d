"""The admin pages of the three models."""

from __future__ import annotations

from django.contrib import admin

from hnec.models import Center, Citizen, ResultForm

admin.site.register(Citizen)
admin.site.register(Center)
admin.site.register(ResultForm)
