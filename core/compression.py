"""Pages and JSON compressed on their way out (the national dashboard's map is ~250 KB of HTML, ~60 KB gzipped).

Only text: an .xlsx or a PDF is a compressed file already, and squeezing it again costs the server's CPU for nothing.
Django's GZipMiddleware pads each response with random bytes against BREACH-style guessing of the CSRF token.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
