"""Pages travel gzipped to a browser that accepts it (a provincial office's slow link); downloads that are
compressed files already (.xlsx) are sent as they are."""

import gzip

from django.urls import reverse


def test_a_page_is_sent_gzipped_and_reads_the_same(client_for, lampang_officer):
    client = client_for(lampang_officer)
    plain = client.get(reverse("volunteers:list"))
    packed = client.get(reverse("volunteers:list"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    page = gzip.decompress(packed.content).decode()
    assert "อาสาสมัครแรงงาน" in page
    assert len(packed.content) < len(plain.content) / 3


def test_an_xlsx_download_is_not_compressed_again(client_for, lampang_officer, lampang):
    client = client_for(lampang_officer)
    response = client.get(reverse("reports:province_xlsx", args=[lampang.code]), HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:2] == b"PK"  # the .xlsx (a zip) itself
