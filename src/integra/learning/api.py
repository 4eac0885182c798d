from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    holder_name = serializers.CharField()
    title = serializers.CharField()
    awarded_on = serializers.DateField()
    kind = serializers.CharField()


class CertificateVerifyView(APIView):
    """Public: whether a certificate code is genuine and valid, with the holder's name, title and date only."""

    integra_access = "public"
    authentication_classes: list = []

    @extend_schema(responses={200: VerificationSerializer})
    def get(self, request, code):
        from django.http import Http404

        certificate = services.certificate_verify(code)
        if certificate is None:
            raise Http404
        return Response(VerificationSerializer({
            "valid": certificate.is_valid, "holder_name": certificate.holder_name, "title": certificate.title,
            "awarded_on": certificate.awarded_on, "kind": certificate.kind}).data)
