from django.contrib import admin

from ketenkaart.organisations import models


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    search_fields = ["name"]


@admin.register(models.District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    search_fields = ["name"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region", "works_as_team"]
    list_filter = ["type", "region"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]


@admin.register(models.Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "role", "caseload_capacity"]
    list_filter = ["role", "organisation__type"]
    search_fields = ["user__username", "user__last_name"]
    filter_horizontal = ["districts"]
    list_select_related = ["user", "organisation"]
