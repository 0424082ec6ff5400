"""The API's one body parser: JSON, as DRF reads it."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ApiJsonParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # Python's decoder gives up on arrays nested some thousand deep with RecursionError, which DRF does not
        # catch: such a body is unreadable JSON like any other (400, the Thai message of api.errors), not a 500.
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError from None
